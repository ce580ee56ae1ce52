package io.custsync.intercom;

/**
 * The run a call is made for, found on the exchange as the property {@value #PROPERTY}: it counts the calls made
 * and those Intercom refused for its rate limit. The sync's run is one; the client needs to know no more of it.
 */
public interface CallCounter {

    String PROPERTY = "syncRun";

    void apiCall();

    void rateLimited();
}
