"""Trigram index for the directory's name search, on PostgreSQL only.

The directory looks for the typed text anywhere in an association's name or former names
(`icontains`, which PostgreSQL runs as `UPPER(column) LIKE UPPER('%text%')`), or as its whole
acronym (`iexact`: `UPPER(acronym) = UPPER('text')`). Without an index that reads every
association; a GIN trigram index on the same three expressions answers all of it (PostgreSQL
can only use an index for an OR when every branch has one). SQLite has no such index type and keeps the plain scan, fine at its sizes.
The index lives outside the model's Meta because SQLite could not create it.
"""

from django.db import migrations

INDEX = "organizations_association_name_trgm"


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        PostgreSQLOnly(
            sql=[
                # pg_trgm is a trusted extension: the database owner may create it.
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f"CREATE INDEX {INDEX} ON organizations_association "
                "USING gin (UPPER(name) gin_trgm_ops, UPPER(former_names) gin_trgm_ops, UPPER(acronym) gin_trgm_ops)",
            ],
            reverse_sql=[f"DROP INDEX IF EXISTS {INDEX}"],
        )
    ]
