-- What changed since the last scoring run, so the nightly run recomputes only
-- the customers whose purchases, tickets or interactions moved and carries the
-- others' features over from that run (lib/analytics/features/changes.ts;
-- docs/analytics.md, "The nightly run: only what changed").
--
-- scoring_changes: one row per customer touched by a statement on orders,
-- order_items, service_tickets or interactions (or a soft delete or restore of
-- the customer), stamped with the writing transaction's id (xid). A customer_id of NULL
-- stands for every customer: a statement touching more than 20,000 customers or
-- 200,000 rows (an import; the run after it recomputes everyone anyway) or a
-- product whose category changed. A day's orders imported at once stay per customer. due_at: an event dated in the future when written (an order paid or
-- refunded, a ticket opened, an interaction, after now()): the customer changes
-- again when a run's day reaches it, with no write at that time.
--
-- scoring_bases: the newest run the next one may start from — its day, the
-- snapshot it read (pg_current_snapshot() before its first read: a change whose
-- transaction is not visible in it was not in that run), the cutoff of its day
-- and the time zone that cutoff was taken in. Written by a run of the tenant's
-- newest day in the same transaction as its features, which also deletes the
-- changes it has absorbed; a run that finds no base, or a base it cannot use,
-- computes every customer.

CREATE TABLE scoring_changes (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  customer_id uuid,
  -- the writing transaction's pg_current_xact_id() (an xid8, kept as bigint)
  xid         bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
  due_at      timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE scoring_bases (
  tenant_id  uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  as_of      date NOT NULL,
  snapshot   text NOT NULL,
  cutoff     timestamptz NOT NULL,
  time_zone  text NOT NULL,
  customers  integer NOT NULL,
  saved_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

ALTER TABLE scoring_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring_changes
  USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()));
ALTER TABLE scoring_bases ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring_bases FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring_bases
  USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()));

-- Statement-level, through the statement's transition table (rows: old_rows or
-- new_rows): one insert per statement, not one per row. Per table: the customer
-- of a row (order items: their order's) and the row's dated events. Rows of a
-- tenant that is gone (a cascade from tenants) are not noted.
CREATE FUNCTION scoring_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rel text;
  n bigint;
  customer text;
  source text;
  events text;
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'orders' THEN customer := 'r.customer_id'; source := ''; events := ', (r.paid_at), (r.refunded_at)';
    WHEN 'order_items' THEN customer := 'o.customer_id';
      source := 'JOIN orders o ON o.tenant_id = r.tenant_id AND o.id = r.order_id'; events := '';
    WHEN 'service_tickets' THEN customer := 'r.customer_id'; source := ''; events := ', (r.opened_at)';
    WHEN 'interactions' THEN customer := 'r.customer_id'; source := ''; events := ', (r.occurred_at)';
    ELSE RAISE EXCEPTION 'scoring_note_changes: no rule for %', TG_TABLE_NAME;
  END CASE;
  FOREACH rel IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
                                  ELSE ARRAY['old_rows', 'new_rows'] END LOOP
    EXECUTE format('SELECT count(*) FROM %I', rel) INTO n;
    CONTINUE WHEN n = 0;
    IF n > 200000 THEN
      customer := 'NULL::uuid';
      source := '';
    END IF;
    -- A change now (ts NULL) and each future event, by minute (every zone's
    -- midnight is on a minute, so a bucket is wholly before or after a cutoff);
    -- a tenant with more than 20,000 customers touched gets one row for everyone.
    EXECUTE format(
      $q$WITH x AS (
           SELECT r.tenant_id, %2$s AS customer_id, min(v.ts) AS due_at
           FROM %1$I r %3$s, LATERAL (VALUES (NULL::timestamptz) %4$s) v(ts)
           WHERE (v.ts IS NULL OR v.ts > now()) AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = r.tenant_id)
           GROUP BY 1, 2, date_trunc('minute', v.ts)),
         big AS (SELECT tenant_id FROM x GROUP BY tenant_id HAVING count(DISTINCT customer_id) > 20000)
         INSERT INTO scoring_changes (tenant_id, customer_id, due_at)
         SELECT tenant_id, customer_id, due_at FROM x WHERE tenant_id NOT IN (SELECT tenant_id FROM big)
         UNION ALL
         SELECT tenant_id, NULL, min(due_at) FROM x WHERE tenant_id IN (SELECT tenant_id FROM big)
         GROUP BY tenant_id, date_trunc('minute', due_at)$q$,
      rel, customer, source, events);
  END LOOP;
  RETURN NULL;
END $$;

-- A soft delete or restore of a customer: in or out of the features.
CREATE FUNCTION scoring_note_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scoring_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NEW.id);
  RETURN NULL;
END $$;

-- A product's category: every customer who bought it, which is found by
-- recomputing everyone.
CREATE FUNCTION scoring_note_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scoring_changes (tenant_id, customer_id) VALUES (NEW.tenant_id, NULL);
  RETURN NULL;
END $$;

-- <table>_scoring_insert, _update and _delete on each: a trigger with a transition
-- table has one event.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['orders', 'order_items', 'service_tickets', 'interactions'] LOOP
    EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION scoring_note_changes()', t || '_scoring_insert', t);
    EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION scoring_note_changes()', t || '_scoring_update', t);
    EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION scoring_note_changes()', t || '_scoring_delete', t);
  END LOOP;
END $$;

CREATE TRIGGER customers_scoring_deleted AFTER UPDATE OF deleted_at ON customers
  FOR EACH ROW WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) EXECUTE FUNCTION scoring_note_customer();
CREATE TRIGGER products_scoring_category AFTER UPDATE OF category ON products
  FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION scoring_note_product();
