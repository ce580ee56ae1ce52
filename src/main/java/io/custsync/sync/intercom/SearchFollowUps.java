package io.custsync.sync.intercom;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The {@code intercom-follow-up} route serves every search flow; this hands each call back to the flow running it. */
@Component("searchFollowUps")
public class SearchFollowUps {

    public void next(Exchange exchange) {
        SearchRead.of(exchange).nextFollowUp(exchange);
    }

    public void answer(Exchange exchange) {
        SearchRead.of(exchange).followUp(exchange);
    }

    public void failed(Exchange exchange) throws Exception {
        SearchRead.of(exchange).followUpFailed(exchange);
    }
}
