"""The Model Context Protocol server: tools and resources derived from the contract."""
