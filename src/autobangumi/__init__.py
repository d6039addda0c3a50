"""AutoBangumi, rebuilt: the shared package (generated contract code, the contract as data, JSON
mapping, the RPC error format); daemon, bridge and the command import it, it imports none of them."""

__version__ = "0.1.0"
