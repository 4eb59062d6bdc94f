"""A small ASGI service used as PyDockerLsp's example of a well-built uv image."""
