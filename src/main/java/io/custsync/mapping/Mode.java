package io.custsync.mapping;

/** How one object is synced with one system (the mapping mode). */
public enum Mode {
    /** The system updates the store; local edits never leave. */
    INPUT("input"),
    /** Changes flow both ways, field by field. */
    TWO_WAY("two-way"),
    /** Only the store writes to the system. */
    OUTPUT("output"),
    /** Not synced: the object's flows towards this system do not start. */
    DISABLED("disabled");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    /** The word used in mappings.yaml. */
    public String word() {
        return word;
    }

    public boolean reads() {
        return this == INPUT || this == TWO_WAY;
    }

    public boolean writes() {
        return this == OUTPUT || this == TWO_WAY;
    }

    public static Mode of(String word) {
        for (Mode mode : values()) {
            if (mode.word.equals(word)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + word + "'");
    }

    static String[] words(Mode... modes) {
        String[] words = new String[modes.length];
        for (int i = 0; i < modes.length; i++) {
            words[i] = modes[i].word;
        }
        return words;
    }
}
