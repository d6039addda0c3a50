"""AutoBangumi, rebuilt: the shared package (generated contract code and the command line)."""

__version__ = "0.1.0"
