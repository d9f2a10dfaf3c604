"""The box's encrypted database.

connection.open_database (SQLCipher, raw key, WAL, FULL, checked at open) → migrations.migrate
(numbered mNNNN_*.py modules, schema_version) → models bound via models.base.database_proxy.
store.Store ties these to executor.DbExecutor, the one thread that runs peewee work:
`await store.executor.run(use_case, actor, ...)`. A query on an event-loop thread is refused.
"""
