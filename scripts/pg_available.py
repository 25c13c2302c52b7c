"""Exit 0 when a PostgreSQL server answers at the URL given, 1 otherwise."""

import sys

import psycopg

url = sys.argv[1]
# Connect to the maintenance database: the named one may not exist yet.
base, _, _ = url.rpartition("/")
try:
    psycopg.connect(f"{base}/postgres", connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
    sys.exit(1)
