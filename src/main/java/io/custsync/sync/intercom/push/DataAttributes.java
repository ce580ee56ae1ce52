package io.custsync.sync.intercom.push;

import io.custsync.sync.PushAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomRequest;
import io.custsync.sync.intercom.push.PushCall.Verdict;
import java.util.List;
import java.util.Set;

/**
 * Makes sure custom data attributes exist with the right type before values are written: lists them once per
 * model and run, creates the missing ones, and takes every "already exists" answer as success (a parallel
 * creation, a retried POST). An existing attribute of another type is a configuration error: no write could succeed.
 */
final class DataAttributes {

    /**
     * One attribute the flow writes. {@code accepted} are the listed types that take its values; {@code setting} is
     * the mappings.yaml key that names it, for the error an operator reads.
     */
    record Wanted(String model, String name, String type, List<String> options, Set<String> accepted, String setting) {

        /** A text attribute, as the store's values are (an options attribute takes them too). */
        static Wanted text(String model, String name, String setting) {
            return new Wanted(model, name, "string", List.of(), Set.of("string", "options"), setting);
        }
    }

    /** Raised when Intercom has the attribute with a type our values do not fit; ends the run as failed. */
    static final class ConfigurationError extends IllegalStateException {
        ConfigurationError(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DataAttributes() {}

    /** {@link #ensure} for text attributes: name → the mappings.yaml setting that names it. */
    static void ensureText(PushState state, String flow, String model, java.util.Map<String, String> attributes) {
        if (!attributes.isEmpty()) {
            List<Wanted> wanted = new java.util.ArrayList<>();
            attributes.forEach((name, setting) -> wanted.add(Wanted.text(model, name, setting)));
            ensure(state, flow, model, wanted);
        }
    }

    /** Plans the listing of {@code model}'s attributes; its answer plans the creations. */
    static void ensure(PushState state, String flow, String model, List<Wanted> wanted) {
        state.queue.add(PushCall.read(IntercomRequest.get("/data_attributes", "model=" + model), "data attributes of " + model,
                answer -> planMissing(state, flow, answer, wanted), PushCall::deadLetterAsFatal));
    }

    private static void planMissing(PushState state, String flow, JsonNode answer, List<Wanted> wanted) {
        for (Wanted w : wanted) {
            JsonNode existing = null;
            for (JsonNode a : answer.path("data")) {
                if (w.name().equals(a.path("name").asText())) {
                    existing = a;
                }
            }
            if (existing != null) {
                String type = existing.path("data_type").asText();
                if (!w.accepted().contains(type)) {
                    throw new ConfigurationError("configuration error: Intercom's " + w.model() + " attribute '" + w.name()
                            + "' is of type " + type + " but " + flow + " writes " + w.type() + " values; map another name in "
                            + "mappings.yaml (" + w.setting() + ") or change its type in Intercom");
                }
                if (existing.path("archived").asBoolean(false)) {
                    throw new ConfigurationError("configuration error: Intercom's " + w.model() + " attribute '" + w.name()
                            + "' is archived; unarchive it in Intercom or map another name (" + w.setting() + ")");
                }
                continue;
            }
            ObjectNode body = JSON.createObjectNode().put("name", w.name()).put("model", w.model()).put("data_type", w.type())
                    .put("description", "Written by intercom-crm-sync (" + flow + ")").put("messenger_writable", false);
            if (w.type().equals("options")) {
                w.options().forEach(o -> body.withArray("options").addObject().put("value", o));
            }
            state.queue.addFirst(PushCall.write(IntercomRequest.post("/data_attributes", body.toString()), PushAction.CREATE_ATTRIBUTE,
                    w.model() + "." + w.name(), created -> { }, DataAttributes::alreadyThere));
        }
    }

    /** 400 parameter_invalid "You already have …" and 409 mean someone created it first: that is what we wanted. */
    private static Verdict alreadyThere(IntercomApiException failure) {
        boolean exists = failure.status() == 409 || (failure.status() == 400 && "parameter_invalid".equals(failure.code())
                && failure.getMessage() != null && failure.getMessage().contains("already have"));
        return exists ? Verdict.HANDLED : Verdict.FATAL;
    }
}
