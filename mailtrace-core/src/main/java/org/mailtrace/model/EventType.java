package org.mailtrace.model;

/** What happened to a message, as shown in the detail timeline (see docs/product.md, "Events"). */
public enum EventType {
    RECEIVE, SUBMIT, REJECT, DEFER, DELIVER, SEND, FAIL, EXPAND, REDIRECT, TRANSFER,
    POLICY, SPAM, MALWARE, QUARANTINE, RELEASE, DROP, EXPIRE, NDR
}
