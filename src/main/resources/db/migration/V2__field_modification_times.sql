-- Two-way sync compares when a field changed here with when it changed in the CRM. Every local change of a
-- synced field, whoever makes it (a flow, the API, an operator's SQL), stamps field_modified_at[column]
-- and updated_at; a role tag added or removed stamps field_modified_at['role:<role>'] on its contact.

CREATE FUNCTION stamp_field_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    col     text;
    stamps  jsonb := '{}'::jsonb;
    new_row jsonb := to_jsonb(NEW);
    old_row jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ELSE '{}'::jsonb END;
BEGIN
    FOREACH col IN ARRAY TG_ARGV LOOP
        IF TG_OP = 'INSERT' THEN
            IF new_row -> col IS NOT NULL AND new_row -> col <> 'null'::jsonb THEN
                stamps := stamps || jsonb_build_object(col, now());
            END IF;
        ELSIF (new_row -> col) IS DISTINCT FROM (old_row -> col) THEN
            stamps := stamps || jsonb_build_object(col, now());
        END IF;
    END LOOP;
    IF stamps <> '{}'::jsonb THEN
        NEW.field_modified_at := COALESCE(NEW.field_modified_at, '{}'::jsonb) || stamps;
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER customers_stamp_field_changes BEFORE INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION stamp_field_changes('name', 'domain', 'csm_owner_email', 'stage', 'profile');
CREATE TRIGGER contacts_stamp_field_changes BEFORE INSERT OR UPDATE ON contacts
    FOR EACH ROW EXECUTE FUNCTION stamp_field_changes('email', 'name', 'phone', 'customer_id');

CREATE FUNCTION stamp_role_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE contacts SET field_modified_at = field_modified_at || jsonb_build_object('role:' || OLD.role, now()),
            updated_at = now() WHERE id = OLD.contact_id;
    ELSE
        UPDATE contacts SET field_modified_at = field_modified_at || jsonb_build_object('role:' || NEW.role, now()),
            updated_at = now() WHERE id = NEW.contact_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER contact_role_tags_stamp AFTER INSERT OR DELETE ON contact_role_tags
    FOR EACH ROW EXECUTE FUNCTION stamp_role_changes();
