"""The JSON API at /api/v1/ (django-ninja): tokens, routers per domain, the error envelope."""
