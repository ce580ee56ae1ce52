package io.custsync.sandbox.salesforce;

/** The describe {@code type} of a field, with the SOAP type describe also reports. */
public enum FieldType {
    ID("id", "tns:ID"),
    STRING("string", "xsd:string"),
    TEXTAREA("textarea", "xsd:string"),
    URL("url", "xsd:string"),
    EMAIL("email", "xsd:string"),
    PICKLIST("picklist", "xsd:string"),
    REFERENCE("reference", "tns:ID"),
    DOUBLE("double", "xsd:double"),
    BOOLEAN("boolean", "xsd:boolean"),
    DATETIME("datetime", "xsd:dateTime");

    private final String describeName;
    private final String soapType;

    FieldType(String describeName, String soapType) {
        this.describeName = describeName;
        this.soapType = soapType;
    }

    public String describeName() {
        return describeName;
    }

    public String soapType() {
        return soapType;
    }

    /** Types compared as text in SOQL (case-insensitively, like Salesforce). */
    public boolean isText() {
        return this == STRING || this == TEXTAREA || this == URL || this == EMAIL || this == PICKLIST;
    }

    public boolean isId() {
        return this == ID || this == REFERENCE;
    }
}
