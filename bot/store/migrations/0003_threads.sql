-- Supplier threads (issue 6): real-photo marks and the buyer's scorecard ratings.

-- 1 when the buyer marked a forwarded photo as a real photo of the product (answers the
-- real_photos question).
ALTER TABLE messages ADD COLUMN real_photo INTEGER NOT NULL DEFAULT 0;

-- The buyer's 1-5 rating of a supplier on one criterion; the latest press wins.
CREATE TABLE supplier_ratings (
    user_id     INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    criterion   TEXT NOT NULL CHECK (criterion IN ('quality', 'delivery', 'service', 'cost')),
    value       INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (supplier_id, criterion)
);
CREATE INDEX supplier_ratings_user ON supplier_ratings (user_id, supplier_id);
