"""The database's own check that a transaction balances, and books for every collective
that existed before the finance app.

PostgreSQL: a deferred constraint trigger on the legs checks at commit that each touched
transaction's legs sum to zero per currency. SQLite has no deferred triggers: the service
writes the legs and then seals the transaction; a trigger refuses the seal when the legs do
not balance, and refuses legs added to or changed in a sealed transaction."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION finance_check_balance() RETURNS trigger AS $$
DECLARE tx_id bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN tx_id := OLD.transaction_id; ELSE tx_id := NEW.transaction_id; END IF;
    IF EXISTS (
        SELECT 1 FROM finance_posting WHERE transaction_id = tx_id
        GROUP BY currency HAVING SUM(amount_minor) <> 0
    ) THEN
        RAISE EXCEPTION 'finance: the legs of transaction %% do not balance', tx_id
            USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER finance_posting_balance
    AFTER INSERT OR UPDATE OR DELETE ON finance_posting
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance_check_balance();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS finance_posting_balance ON finance_posting;
DROP FUNCTION IF EXISTS finance_check_balance();
"""
SQLITE_UP = [
    """
    CREATE TRIGGER finance_seal_balance BEFORE UPDATE OF sealed ON finance_transaction
    WHEN NEW.sealed AND EXISTS (
        SELECT 1 FROM finance_posting WHERE transaction_id = NEW.id
        GROUP BY currency HAVING SUM(amount_minor) <> 0
    )
    BEGIN SELECT RAISE(ABORT, 'finance: the legs of this transaction do not balance'); END
    """,
    """
    CREATE TRIGGER finance_sealed_insert BEFORE INSERT ON finance_posting
    WHEN (SELECT sealed FROM finance_transaction WHERE id = NEW.transaction_id)
    BEGIN SELECT RAISE(ABORT, 'finance: this transaction is sealed'); END
    """,
    """
    CREATE TRIGGER finance_sealed_update
    BEFORE UPDATE OF amount_minor, currency, transaction_id ON finance_posting
    WHEN (SELECT sealed FROM finance_transaction WHERE id = NEW.transaction_id)
    BEGIN SELECT RAISE(ABORT, 'finance: this transaction is sealed'); END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS finance_seal_balance",
    "DROP TRIGGER IF EXISTS finance_sealed_insert",
    "DROP TRIGGER IF EXISTS finance_sealed_update",
]

# The default chart as it was when this migration was written (codes and kinds only).
CHART = [
    ("cash", "asset"), ("bank", "asset"), ("in-transit", "asset"), ("owed-by", "asset"),
    ("owed-to", "liability"), ("opening", "equity"), ("dues", "income"),
    ("paper-sales", "income"), ("donations", "income"), ("fund-drives", "income"),
    ("transfers-in", "income"), ("other-income", "income"), ("printing", "expense"),
    ("papers-bought", "expense"), ("rent", "expense"), ("travel", "expense"),
    ("postage", "expense"), ("other-expense", "expense"), ("transfers-out", "expense"),
]


def triggers_up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def triggers_down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


def books_for_existing(apps, schema_editor):
    from babel.numbers import get_territory_currencies

    Collective = apps.get_model("network", "Collective")
    Books = apps.get_model("finance", "Books")
    Account = apps.get_model("finance", "Account")
    for collective in Collective.objects.filter(books__isnull=True):
        found = (
            get_territory_currencies(collective.country, tender=True, non_tender=False)
            if collective.country
            else []
        )
        Books.objects.create(collective=collective, currency=found[0] if found else "USD")
        Account.objects.bulk_create(
            [
                Account(collective=collective, code=code, kind=kind, is_default=True)
                for code, kind in CHART
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [
        migrations.RunPython(triggers_up, triggers_down),
        migrations.RunPython(books_for_existing, migrations.RunPython.noop),
    ]
