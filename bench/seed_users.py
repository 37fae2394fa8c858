#!/usr/bin/env python3
"""Adds N username users straight into the embedded store's SQLite file, all with one bcrypt hash.

Registering 100,000 users over HTTP at the default bcrypt cost would take hours; the benchmark only
needs rows to exist so that lookups run against a store of that size. The schema is the one the
gateway itself created in the file (tables users and user_apps).
"""
import os
import sqlite3
import sys
import time

path, app_id, count, password_hash = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
db = sqlite3.connect(path, timeout=30)
now = int(time.time() * 1000)
start = db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
rows = []
for i in range(start, start + count):
    user_id = f"{int(time.time()):08x}{os.urandom(8).hex()}"
    rows.append((user_id, f"seed{i}", password_hash, now))
db.executemany(
    "INSERT INTO users (id, username, password_hash, provider, is_active, created_at, updated_at)"
    " VALUES (?, ?, ?, 'username', 1, ?4, ?4)", rows)
db.executemany(
    "INSERT INTO user_apps (user_id, app_id, role, plan, joined_at) VALUES (?, ?, 'member', 'free', ?)",
    [(r[0], app_id, now) for r in rows])
db.commit()
print(db.execute("SELECT COUNT(*) FROM users").fetchone()[0])
