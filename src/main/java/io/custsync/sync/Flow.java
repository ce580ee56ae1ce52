package io.custsync.sync;

import io.custsync.mapping.Mappings;
import java.util.Arrays;
import java.util.Optional;

/**
 * The flow registry: every flow the service knows, the object and system it syncs and its direction. The
 * rest of what a flow is (its trigger, source and target, what it waits for, its mode switch) is declared
 * where operators read it, on the flow's {@code templatedRoute} in {@code routes/}, and checked against this
 * list at start-up by {@link FlowPlan}. A flow's route id is its id; the route starts only when the object's
 * mode for the system includes the flow's direction.
 */
public enum Flow {
    INTERCOM_COMPANIES("intercom-companies", "customers", "intercom", Direction.IN),
    INTERCOM_CONTACTS("intercom-contacts", "contacts", "intercom", Direction.IN),
    INTERCOM_CONVERSATIONS("intercom-conversations", "interactions", "intercom", Direction.IN),
    INTERCOM_TICKETS("intercom-tickets", "tickets", "intercom", Direction.IN),
    INTERCOM_COMPANIES_PUSH("intercom-companies-push", "customers", "intercom", Direction.OUT),
    INTERCOM_CONTACTS_PUSH("intercom-contacts-push", "contacts", "intercom", Direction.OUT),
    HEALTHSCORE_PUSH("healthscore-push", "healthscore", "intercom", Direction.OUT),
    SALESFORCE_ACCOUNTS("salesforce-accounts", "customers", "salesforce", Direction.IN),
    SALESFORCE_ACCOUNTS_PUSH("salesforce-accounts-push", "customers", "salesforce", Direction.OUT),
    SALESFORCE_CONTACTS("salesforce-contacts", "contacts", "salesforce", Direction.IN),
    SALESFORCE_CONTACTS_PUSH("salesforce-contacts-push", "contacts", "salesforce", Direction.OUT);

    /** Whether a flow reads its system into the store, or writes the store to its system. */
    public enum Direction { IN, OUT }

    /** Where local data lives, as named in a route's {@code from}/{@code to} parameters. */
    public static final String STORE = "store";

    private final String id;
    private final String object;
    private final String system;
    private final Direction direction;

    Flow(String id, String object, String system, Direction direction) {
        this.id = id;
        this.object = object;
        this.system = system;
        this.direction = direction;
    }

    public String id() { return id; }
    public String object() { return object; }
    public String system() { return system; }
    public Direction direction() { return direction; }

    /** Where the flow's records come from: its system for a read, the store for a push. */
    public String source() {
        return direction == Direction.IN ? system : STORE;
    }

    /** Where the flow writes: the store for a read, its system for a push. */
    public String target() {
        return direction == Direction.IN ? STORE : system;
    }

    /** The mappings.yaml key whose mode switches this flow on and off. */
    public String modeSwitch() {
        return "objects." + object + "." + system + ".mode";
    }

    /** Whether the flow runs under the mappings: the object's mode towards the system includes its direction. */
    public boolean enabledBy(Mappings mappings) {
        var mode = mappings.mode(object, system);
        return direction == Direction.IN ? mode.reads() : mode.writes();
    }

    public static Optional<Flow> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
