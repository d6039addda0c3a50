"""Binding the contract's methods to service code, for gRPC and for in-process callers."""
