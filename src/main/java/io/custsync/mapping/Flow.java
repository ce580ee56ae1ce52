package io.custsync.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every flow the service can run: the object and system it syncs and its direction. A flow's route (its id
 * is the flow id) starts only when the object's mode for that system includes the flow's direction.
 */
public enum Flow {
    INTERCOM_COMPANIES("intercom-companies", "customers", "intercom", Direction.IN),
    INTERCOM_CONTACTS("intercom-contacts", "contacts", "intercom", Direction.IN, "intercom-companies"),
    INTERCOM_CONVERSATIONS("intercom-conversations", "interactions", "intercom", Direction.IN, "intercom-companies", "intercom-contacts"),
    INTERCOM_TICKETS("intercom-tickets", "tickets", "intercom", Direction.IN, "intercom-companies", "intercom-contacts"),
    INTERCOM_COMPANIES_PUSH("intercom-companies-push", "customers", "intercom", Direction.OUT, "intercom-companies"),
    INTERCOM_CONTACTS_PUSH("intercom-contacts-push", "contacts", "intercom", Direction.OUT, "intercom-companies"),
    HEALTHSCORE_PUSH("healthscore-push", "healthscore", "intercom", Direction.OUT, "intercom-companies"),
    SALESFORCE_ACCOUNTS("salesforce-accounts", "customers", "salesforce", Direction.IN),
    SALESFORCE_ACCOUNTS_PUSH("salesforce-accounts-push", "customers", "salesforce", Direction.OUT, "salesforce-accounts"),
    SALESFORCE_CONTACTS("salesforce-contacts", "contacts", "salesforce", Direction.IN, "salesforce-accounts"),
    SALESFORCE_CONTACTS_PUSH("salesforce-contacts-push", "contacts", "salesforce", Direction.OUT, "salesforce-contacts", "salesforce-accounts-push");

    public enum Direction { IN, OUT }

    private final String id;
    private final String object;
    private final String system;
    private final Direction direction;
    private final List<String> after;

    Flow(String id, String object, String system, Direction direction, String... after) {
        this.id = id;
        this.object = object;
        this.system = system;
        this.direction = direction;
        this.after = List.of(after);
    }

    public String id() { return id; }
    public String object() { return object; }
    public String system() { return system; }
    public Direction direction() { return direction; }

    /**
     * Flows that must have completed once before this one runs: contacts link to customers, conversations
     * and tickets are kept for known contacts, so reading them first would file them under nobody. Pushes to
     * Intercom wait for the companies read (when it runs at all): without its links every customer would look
     * new (skipped by healthscore-push, created again by a companies push).
     */
    public List<Flow> after() {
        return after.stream().map(id -> byId(id).orElseThrow()).toList();
    }

    /** Whether a flow of this direction runs under {@code mode}. */
    public boolean runsUnder(Mode mode) {
        return direction == Direction.IN ? mode.reads() : mode.writes();
    }

    public static Optional<Flow> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
