package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The intercom-contacts templated route against the sandbox: counts, customer links, role tags, day-granular search. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntercomContactsFlowTest {

    private static final String FLOW = "intercom-contacts";
    private static final int PAGE_SIZE = 20; // sync.intercom.page-size of IntercomFlowTestSupport
    private static final ZoneId WORKSPACE = ZoneId.of("America/New_York"); // the sandbox workspace's time zone
    private static final Map<String, String> ROLE_TAGS = Map.of(
            "Champion", "champion", "Sponsor", "sponsor", "Key user", "key_user", "End user", "end_user");
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aFullRunStoresEveryContactWithItsCustomerAndRoleTags() throws Exception {
        List<JsonNode> expected = IntercomFlowTestSupport.allContacts(service);
        // A first import of many pages over many days, the checkpoint moving with each page: every page after the
        // first must still be asked with the first page's query, the only one its cursor belongs to.
        assertThat(expected.size()).isGreaterThan(5 * PAGE_SIZE);
        assertThat(expected.stream().map(c -> Instant.ofEpochSecond(c.path("updated_at").asLong()).atZone(WORKSPACE).toLocalDate())
                .distinct().count()).isGreaterThan(5);
        service.sandbox().resetCounters();
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(expected.size());
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", (long) expected.size())
                .containsEntry("records_written", (long) expected.size()).containsEntry("records_dead_lettered", 0L);
        assertThat(service.sandbox().counters().count("POST /contacts/search")).isGreaterThan(5);
        assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'contacts'"))
                .isEqualTo(expected.size());
        assertThat(service.count("SELECT count(*) FROM contacts WHERE role = 'lead'"))
                .isEqualTo(expected.stream().filter(c -> "lead".equals(c.path("role").asText())).count());

        // Role tags: every (contact, role tag) pair Intercom has, following /contacts/{id}/tags where more than 10.
        Map<String, String> tagNames = new java.util.HashMap<>();
        IntercomFlowTestSupport.api(service, "GET", "/tags", null).path("data")
                .forEach(t -> tagNames.put(t.path("id").asText(), t.path("name").asText()));
        Set<String> expectedRoles = new HashSet<>();
        boolean sawLongTagList = false;
        for (JsonNode contact : expected) {
            String id = contact.path("id").asText();
            JsonNode tags = IntercomFlowTestSupport.api(service, "GET", "/contacts/" + id + "/tags", null).path("data");
            sawLongTagList |= tags.size() > 10;
            tags.forEach(t -> {
                String role = ROLE_TAGS.get(tagNames.get(t.path("id").asText()));
                if (role != null) {
                    expectedRoles.add(id + "/" + role);
                }
            });
        }
        assertThat(sawLongTagList).as("the seed has contacts with more than 10 tags").isTrue();
        Set<String> storedRoles = new HashSet<>(service.jdbc().queryForList("""
                SELECT l.external_id || '/' || r.role FROM contact_role_tags r
                JOIN identity_links l ON l.local_id = r.contact_id AND l.system = 'intercom' AND l.object = 'contacts'""", String.class));
        assertThat(storedRoles).isEqualTo(expectedRoles);

        // Customer link: a contact with more than 10 companies is linked through the followed companies list.
        JsonNode many = expected.stream().filter(c -> c.path("companies").path("has_more").asBoolean()).findFirst().orElseThrow();
        assertThat(service.jdbc().queryForObject("""
                SELECT c.customer_id FROM contacts c JOIN identity_links l ON l.local_id = c.id
                WHERE l.system = 'intercom' AND l.object = 'contacts' AND l.external_id = ?""", Long.class, many.path("id").asText()))
                .isNotNull();
        long withCompanies = expected.stream().filter(c -> c.path("companies").path("total_count").asInt() > 0).count();
        assertThat(service.count("SELECT count(*) FROM contacts WHERE customer_id IS NOT NULL")).isGreaterThanOrEqualTo(withCompanies);
    }

    @Test
    @Order(2)
    void anIncrementalRunWithNothingNewWritesNothing() {
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
        // The day lookback re-reads the checkpoint's day(s) and recognises every contact already stored.
        assertThat((Long) run.get("records_read")).isEqualTo((Long) run.get("records_skipped"));
        assertThat((Long) run.get("records_read")).isLessThan(service.count("SELECT count(*) FROM contacts"));
    }

    @Test
    @Order(3)
    void contactsUpdatedAt2359And0001AroundARunAreEachPickedUpExactlyOnce() {
        Instant checkpoint = service.jdbc().queryForObject("SELECT cursor_time FROM sync_checkpoints WHERE flow = ?",
                java.sql.Timestamp.class, FLOW).toInstant();
        LocalDate day = checkpoint.atZone(WORKSPACE).toLocalDate();
        Instant lateEvening = day.plusDays(1).atStartOfDay(WORKSPACE).minusSeconds(60).toInstant();   // 23:59
        Instant afterMidnight = day.plusDays(1).atStartOfDay(WORKSPACE).plusSeconds(60).toInstant();  // 00:01 next day
        assertThat(lateEvening).isAfter(checkpoint);
        String[] ids = service.jdbc().queryForList("SELECT external_id FROM identity_links WHERE system = 'intercom' "
                + "AND object = 'contacts' ORDER BY external_id LIMIT 2", String.class).toArray(String[]::new);

        service.sandbox().updateContact(ids[0], Map.of("name", "Late Evening"), lateEvening.getEpochSecond());
        assertThat(service.runFlow(FLOW)).containsEntry("records_written", 1L);

        service.sandbox().updateContact(ids[1], Map.of("name", "After Midnight"), afterMidnight.getEpochSecond());
        Map<String, Object> next = service.runFlow(FLOW);
        // 23:59 is read again (the search cannot cut inside a day) but not written again.
        assertThat(next).containsEntry("records_written", 1L);
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name IN ('Late Evening', 'After Midnight')")).isEqualTo(2);
        assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(
                service.count("SELECT count(DISTINCT contact_id) FROM contacts"));
    }

    @Test
    @Order(4)
    void addingAndRemovingARoleTagInIntercomSetsAndClearsTheRole() {
        String id = service.jdbc().queryForObject("""
                SELECT l.external_id FROM identity_links l WHERE l.system = 'intercom' AND l.object = 'contacts'
                AND NOT EXISTS (SELECT 1 FROM contact_role_tags r WHERE r.contact_id = l.local_id AND r.role = 'sponsor')
                ORDER BY l.external_id LIMIT 1""", String.class);
        String sponsor = service.sandbox().tagId("Sponsor");
        long later = Instant.now().plusSeconds(3 * 86400).getEpochSecond();
        service.sandbox().tagContact(id, sponsor, later);
        service.runFlow(FLOW);
        assertThat(roles(id)).contains("sponsor");

        service.sandbox().untagContact(id, sponsor, later + 60);
        service.runFlow(FLOW);
        assertThat(roles(id)).doesNotContain("sponsor");
    }

    @Test
    @Order(5)
    void aContactChangedWhileAFirstImportPagesAndARunThatBreaksOffLoseNothing() throws Exception {
        // A first import again, from nothing.
        service.jdbc().update("DELETE FROM sync_checkpoints WHERE flow = ?", FLOW);
        service.jdbc().update("DELETE FROM identity_links WHERE system = 'intercom' AND object = 'contacts'");
        service.jdbc().update("DELETE FROM contacts");
        List<JsonNode> expected = new java.util.ArrayList<>(IntercomFlowTestSupport.allContacts(service));
        expected.sort(java.util.Comparator.comparingLong(c -> c.path("updated_at").asLong()));
        // Intercom does not say where a record changed during paging comes: the sandbox gives it its old place with its
        // new time. Here it is on page 3 and becomes that page's newest; then page 5 fails and the run breaks off.
        String changed = expected.get(2 * PAGE_SIZE + 10).path("id").asText();
        service.sandbox().addFault(io.custsync.sandbox.common.Faults.on("POST", "/contacts/search").nth(3)
                .action(() -> service.sandbox().updateContact(changed, Map.of("name", "Changed During The Import"), null)));
        service.sandbox().addFault(io.custsync.sandbox.common.Faults.on("POST", "/contacts/search").nth(5).status(400));
        try {
            assertThat(service.runFlow(FLOW)).containsEntry("outcome", "failed");
        } finally {
            service.sandbox().clearFaults();
        }
        assertThat(service.count("SELECT count(*) FROM contacts")).isBetween(4L * PAGE_SIZE, expected.size() - 1L);

        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(expected.size());
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'Changed During The Import'")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aPageWhoseAnswerIsLostIsNotAskedAgainWithItsUsedCursorButTheSearchStartsAgain() throws Exception {
        service.jdbc().update("DELETE FROM sync_checkpoints WHERE flow = ?", FLOW);
        service.jdbc().update("DELETE FROM identity_links WHERE system = 'intercom' AND object = 'contacts'");
        service.jdbc().update("DELETE FROM contacts");
        long expected = IntercomFlowTestSupport.allContacts(service).size();
        // Page 3 is answered (its cursor is spent) but the answer is cut off on the way: the retry carries a used cursor.
        service.sandbox().addFault(io.custsync.sandbox.common.Faults.on("POST", "/contacts/search").nth(3).truncate());
        service.sandbox().resetCounters();
        Map<String, Object> run;
        try {
            run = service.runFlow(FLOW);
        } finally {
            service.sandbox().clearFaults();
        }
        assertThat(run).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(expected);
        // pages 1-3, the refused retry, then the search again from the checkpoint page 2 left
        assertThat(service.sandbox().counters().count("POST /contacts/search")).isGreaterThan(expected / PAGE_SIZE + 2);
    }

    @Test
    @Order(7)
    void aChangeSearchShowsOnlyLaterIsReadByTheNextRunsDayLookBack() {
        String id = service.jdbc().queryForObject("SELECT external_id FROM identity_links WHERE system = 'intercom' "
                + "AND object = 'contacts' ORDER BY source_updated_at LIMIT 1", String.class);
        // Ten minutes of search lag: longer than the windowed flows' look-back, well inside the contacts' day.
        service.sandbox().setSearchLag(600);
        try {
            service.sandbox().updateContact(id, Map.of("name", "Seen Late By Search"), Instant.now().getEpochSecond() - 60);
        } finally {
            service.sandbox().setSearchLag(0);
        }
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'Seen Late By Search'")).isZero();
        service.sandbox().advanceClock(600);
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'Seen Late By Search'")).isEqualTo(1);
    }

    private static List<String> roles(String intercomId) {
        return service.jdbc().queryForList("""
                SELECT r.role FROM contact_role_tags r JOIN identity_links l ON l.local_id = r.contact_id
                WHERE l.system = 'intercom' AND l.object = 'contacts' AND l.external_id = ?""", String.class, intercomId);
    }
}
