"""The program that starts the parts: the `autobangumi` command and `serve` (daemon and bridge in
one process). It sits above the daemon and the bridge; the shared `autobangumi` package below
them imports neither."""
