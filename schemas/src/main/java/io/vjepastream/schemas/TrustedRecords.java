package io.vjepastream.schemas;

/**
 * Tells Avro that the generated record package may be instantiated. Avro 1.12 refuses to create
 * classes from packages that are not listed in {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 */
final class TrustedRecords {
    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String RECORDS_PACKAGE = "io.vjepastream.records";

    private TrustedRecords() {
    }

    static synchronized void register() {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, RECORDS_PACKAGE);
        } else if (!current.contains(RECORDS_PACKAGE)) {
            System.setProperty(PROPERTY, current + "," + RECORDS_PACKAGE);
        }
    }
}
