package io.custsync.sandbox.intercom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mutable record types. Generated on demand; only copies that were changed are kept (see {@link IntercomRecordStore}). */
final class Model {
    private Model() {
    }

    /** Common part of every stored record: its index and the time it is ordered by in its store. */
    abstract static class Rec {
        long idx;
        long updatedAt;
        boolean deleted;
        /** Sandbox-clock second from which search sees this record as it is (0 = always; see searchLagSeconds). */
        long searchableAt;

        /** The timestamp the store keeps records ordered by (updated_at, or last_request_at for companies). */
        long sortTime() {
            return updatedAt;
        }

        boolean visible() {
            return !deleted;
        }
    }

    static final class Contact extends Rec {
        String id;
        String role;
        String externalId;
        String email;
        String phone;
        String name;
        String ownerId;
        long createdAt;
        Long signedUpAt;
        Long lastSeenAt;
        Long lastRepliedAt;
        Long lastContactedAt;
        Long lastEmailOpenedAt;
        Long lastEmailClickedAt;
        boolean unsubscribed;
        boolean hardBounced;
        boolean spam;
        String browser;
        String os;
        String country;
        String region;
        String city;
        Map<String, Object> custom = new LinkedHashMap<>();
        /** tag id → applied_at */
        Map<String, Long> tags = new LinkedHashMap<>();
        List<Long> companies = new ArrayList<>();
        int notes;
        boolean archived;
        String mergedInto;
        List<String[]> mergeHistory = new ArrayList<>();

        @Override
        boolean visible() {
            return !deleted && !archived && mergedInto == null;
        }
    }

    static final class Company extends Rec {
        String id;
        String companyId;
        String name;
        String plan;
        Integer size;
        String website;
        String industry;
        Integer monthlySpend;
        long remoteCreatedAt;
        long createdAt;
        long lastRequestAt;
        int sessionCount;
        Map<String, Object> custom = new LinkedHashMap<>();
        Set<String> tags = new LinkedHashSet<>();

        @Override
        long sortTime() {
            return lastRequestAt;
        }
    }

    static final class Part {
        String id;
        String partType;
        String body;
        long createdAt;
        String authorType;
        String authorId;
        String authorName;
        String authorEmail;
    }

    static final class Conversation extends Rec {
        String id;
        String title;
        long createdAt;
        String state;
        boolean read;
        String priority;
        int adminAssigneeId;
        int teamAssigneeId;
        long contactIdx;
        String sourceType;
        String deliveredAs;
        String subject;
        String body;
        String sourceAuthorType;
        String sourceAuthorId;
        Long snoozedUntil;
        boolean customerReplies;
        int generatedParts;
        List<Part> addedParts = new ArrayList<>();
        Map<String, Long> tags = new LinkedHashMap<>();
        Integer rating;
    }

    static final class Ticket extends Rec {
        String id;
        String ticketId;
        int typeIdx;
        int stateIdx;
        String title;
        String description;
        long contactIdx;
        int adminAssigneeId;
        int teamAssigneeId;
        long createdAt;
        Long snoozedUntil;
    }

    record Tag(String id, String name, long createdAt) {
    }

    record Admin(String id, String name, String email, String jobTitle, List<Integer> teamIds) {
    }

    static final class DataAttribute {
        int id;
        String model;
        String name;
        String label;
        String description;
        String dataType;
        List<String> options = new ArrayList<>();
        boolean messengerWritable;
        boolean custom;
        boolean archived;
        long createdAt;
        long updatedAt;
    }

    record TicketType(String id, String category, String name, String description, String icon) {
    }

    record TicketState(String id, String category, String internalLabel, String externalLabel) {
    }
}
