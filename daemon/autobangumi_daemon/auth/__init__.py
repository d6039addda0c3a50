"""Accounts, sessions, API tokens, login throttling and the login allowlist."""

from autobangumi_daemon.auth.manager import AuthManager

__all__ = ["AuthManager"]
