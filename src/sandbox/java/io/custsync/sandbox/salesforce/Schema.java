package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.FieldDef.checkbox;
import static io.custsync.sandbox.salesforce.FieldDef.externalId;
import static io.custsync.sandbox.salesforce.FieldDef.lookup;
import static io.custsync.sandbox.salesforce.FieldDef.number;
import static io.custsync.sandbox.salesforce.FieldDef.picklist;
import static io.custsync.sandbox.salesforce.FieldDef.system;
import static io.custsync.sandbox.salesforce.FieldDef.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The org's data model: the three objects the sync touches, with the custom fields of the customer's org.
 * Customer_ID__c is a unique external id (duplicates answer DUPLICATE_VALUE); Contact_ID__c is an external
 * id without the unique flag, as Salesforce allows, which is how an upsert can match several records (300).
 */
public final class Schema {

    public static final String ACCOUNT = "Account";
    public static final String CONTACT = "Contact";
    public static final String USER = "User";

    public static final List<String> STAGES = List.of("Onboarding", "Adoption", "Expansion", "Renewal", "Churned");
    public static final List<String> ACCOUNT_TYPES = List.of("Prospect", "Customer - Direct", "Customer - Channel",
            "Channel Partner / Reseller", "Technology Partner", "Other");
    public static final List<String> CONTACT_ROLES = List.of("Champion", "Sponsor", "Key User", "End User");

    private final Map<String, ObjectDef> objects = new LinkedHashMap<>();

    public Schema() {
        add(new ObjectDef(ACCOUNT, "Account", "Accounts", "001", true, List.of(
                system("Id", "Account ID", FieldType.ID),
                system("IsDeleted", "Deleted", FieldType.BOOLEAN),
                text("Name", "Account Name", FieldType.STRING, 255, true),
                picklist("Type", "Account Type", false, ACCOUNT_TYPES.toArray(String[]::new)),
                text("Website", "Website", FieldType.URL, 255, false),
                lookup("OwnerId", "Owner ID", USER, "Owner", false),
                lookup("CSM__c", "CSM", USER, "CSM__r", true),
                externalId("Customer_ID__c", "Customer ID", 80, true),
                picklist("Stage__c", "Stage", true, STAGES.toArray(String[]::new)),
                text("Profile__c", "Profile", FieldType.STRING, 255, false),
                number("Healthscore__c", "Healthscore"),
                system("CreatedDate", "Created Date", FieldType.DATETIME),
                system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME),
                system("SystemModstamp", "System Modstamp", FieldType.DATETIME))));
        add(new ObjectDef(CONTACT, "Contact", "Contacts", "003", true, List.of(
                system("Id", "Contact ID", FieldType.ID),
                system("IsDeleted", "Deleted", FieldType.BOOLEAN),
                lookup("AccountId", "Account ID", ACCOUNT, "Account", true),
                text("LastName", "Last Name", FieldType.STRING, 80, true),
                text("FirstName", "First Name", FieldType.STRING, 40, false),
                system("Name", "Full Name", FieldType.STRING),
                text("Email", "Email", FieldType.EMAIL, 80, false),
                externalId("Contact_ID__c", "Contact ID", 80, false),
                checkbox("Champion__c", "Champion"),
                checkbox("Sponsor__c", "Sponsor"),
                checkbox("Key_User__c", "Key User"),
                checkbox("End_User__c", "End User"),
                picklist("Role__c", "Role", false, CONTACT_ROLES.toArray(String[]::new)),
                system("CreatedDate", "Created Date", FieldType.DATETIME),
                system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME),
                system("SystemModstamp", "System Modstamp", FieldType.DATETIME))));
        add(new ObjectDef(USER, "User", "Users", "005", false, List.of(
                system("Id", "User ID", FieldType.ID),
                text("Username", "Username", FieldType.STRING, 80, true),
                text("LastName", "Last Name", FieldType.STRING, 80, true),
                text("FirstName", "First Name", FieldType.STRING, 40, false),
                system("Name", "Full Name", FieldType.STRING),
                text("Email", "Email", FieldType.EMAIL, 128, true),
                checkbox("IsActive", "Active"),
                system("CreatedDate", "Created Date", FieldType.DATETIME),
                system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME),
                system("SystemModstamp", "System Modstamp", FieldType.DATETIME))));
    }

    private void add(ObjectDef def) {
        objects.put(def.name().toLowerCase(Locale.ROOT), def);
    }

    /** The object with this name (case-insensitive), or null. */
    public ObjectDef object(String name) {
        return name == null ? null : objects.get(name.toLowerCase(Locale.ROOT));
    }

    public ObjectDef byKeyPrefix(String prefix) {
        return objects.values().stream().filter(o -> o.keyPrefix().equals(prefix)).findFirst().orElse(null);
    }

    public List<ObjectDef> objects() {
        return List.copyOf(objects.values());
    }
}
