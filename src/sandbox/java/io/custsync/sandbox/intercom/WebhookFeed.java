package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.Contact;
import io.custsync.sandbox.intercom.Model.Conversation;
import io.custsync.sandbox.intercom.Model.Tag;
import io.custsync.sandbox.intercom.Model.Ticket;

/**
 * Turns workspace changes into webhook items (the objects inside {@code data.item}) and hands them to
 * {@link Webhooks}. Rendering is skipped entirely while nobody is subscribed.
 */
final class WebhookFeed implements Workspace.ChangeListener {
    private final Views views;
    private final Webhooks webhooks;

    WebhookFeed(Views views, Webhooks webhooks) {
        this.views = views;
        this.webhooks = webhooks;
    }

    @Override
    public void changed(String topic, Object subject, Object related) {
        if (webhooks.hasSubscribers()) {
            webhooks.publish(topic, item(topic, subject, related));
        }
    }

    private JsonNode item(String topic, Object subject, Object related) {
        if (subject instanceof Contact c) {
            if (topic.equals("contact.deleted")) {
                return Views.obj().put("type", "contact").put("id", c.id).put("external_id", c.externalId);
            }
            if (related instanceof Tag t) {
                ObjectNode n = Views.obj().put("type", "contact_tag").put("created_at", c.updatedAt);
                n.set("tag", Views.tag(t));
                n.set("contact", views.contact(c));
                return n;
            }
            ObjectNode n = views.contact(c);
            if (related instanceof Contact from) {
                n.putObject("merged_from").put("type", "contact").put("id", from.id);
            }
            return n;
        }
        if (subject instanceof Company co) {
            if (topic.equals("company.deleted")) {
                return Views.obj().put("type", "company").put("id", co.id).put("company_id", co.companyId);
            }
            if (related instanceof Contact c) { // company.contact.attached|detached: shape not documented
                ObjectNode n = Views.obj().put("type", "contact_company").put("created_at", c.updatedAt);
                n.set("company", views.company(co));
                n.set("contact", Views.obj().put("type", "contact").put("id", c.id).put("external_id", c.externalId));
                return n;
            }
            return views.company(co);
        }
        if (subject instanceof Conversation cv) {
            return views.conversation(cv, true);
        }
        if (subject instanceof Ticket t) {
            return views.ticket(t);
        }
        throw new IllegalArgumentException("no webhook item for " + subject);
    }
}
