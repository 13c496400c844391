"""Create the benchmark database if it does not exist (`make bench` runs this before migrating)."""

import os
import sys
from urllib.parse import urlsplit

import psycopg


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql", "pgsql") or not name:
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://USER@HOST:PORT/NAME")
    admin = parts._replace(path="/postgres").geturl().replace("pgsql://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


if __name__ == "__main__":
    ensure_database(os.environ["DATABASE_URL"])
