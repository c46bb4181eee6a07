-- Reminders, sample orders and payment plans (issue 7).
-- Times are UTC, written as 'YYYY-MM-DDTHH:MM:SS.ffffffZ' so that text order is time order.

-- A sample ordered from a supplier. rating (1-5) is the buyer's verdict on arrival: the
-- supplier scorecard reads it as quality.
CREATE TABLE samples (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    what        TEXT NOT NULL,
    cost        REAL,
    currency    TEXT,
    ordered_on  TEXT NOT NULL,
    expected_at TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'waiting'
                CHECK (status IN ('waiting', 'arrived', 'problem')),
    rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
    arrived_at  TEXT,
    update_id   INTEGER UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX samples_user ON samples (user_id, supplier_id);

CREATE TABLE payment_plans (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    total       REAL NOT NULL CHECK (total > 0),
    currency    TEXT NOT NULL,
    plan        TEXT NOT NULL,
    channel     TEXT,
    update_id   INTEGER UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- One installment of a plan; stage is deposit, during_production, before_shipment or
-- on_delivery.
CREATE TABLE payments (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES payment_plans (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    stage    TEXT NOT NULL,
    percent  REAL NOT NULL,
    amount   REAL NOT NULL,
    due_at   TEXT NOT NULL,
    paid_at  TEXT,
    UNIQUE (plan_id, seq)
);
CREATE INDEX payments_user ON payments (user_id, plan_id);

-- state: pending -> sending (claimed, about to send) -> sent; done and cancelled end it;
-- failed means Telegram refused the chat for good. uncertain = a previous attempt may have
-- reached the user, so the next one says it may be a repeat.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    supplier_id INTEGER REFERENCES suppliers (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('custom', 'sample', 'payment_before', 'payment_due')),
    text        TEXT NOT NULL DEFAULT '',
    sample_id   INTEGER REFERENCES samples (id) ON DELETE CASCADE,
    payment_id  INTEGER REFERENCES payments (id) ON DELETE CASCADE,
    due_at      TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'done', 'cancelled', 'failed')),
    uncertain   INTEGER NOT NULL DEFAULT 0,
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     TEXT,
    message_id  INTEGER,
    update_id   INTEGER UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX reminders_due ON reminders (state, due_at);
CREATE INDEX reminders_user ON reminders (user_id, state, due_at);
