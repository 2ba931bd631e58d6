package org.mailtrace.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Roles after Microsoft 365's role groups (m365-reference.md section 9), so admins coming from
 * Exchange Online find the same names and the same split of duties.
 */
public enum Role {
    /** Everything: search, details, reports, audit log, users and settings. */
    OrganizationManagement("Organization Management",
            EnumSet.of(Permission.SEARCH, Permission.DETAIL, Permission.REPORT, Permission.AUDIT, Permission.ADMIN)),
    /** Search, details, reports and the audit log; no user administration. */
    ComplianceManagement("Compliance Management",
            EnumSet.of(Permission.SEARCH, Permission.DETAIL, Permission.REPORT, Permission.AUDIT)),
    /** Search and details: what a help desk needs to answer "did my mail arrive?". */
    HelpDesk("Help Desk", EnumSet.of(Permission.SEARCH, Permission.DETAIL)),
    /** Search rows only: no details, no reports. */
    ViewOnly("View-Only", EnumSet.of(Permission.SEARCH));

    private final String displayName;
    private final Set<Permission> permissions;

    Role(String displayName, Set<Permission> permissions) {
        this.displayName = displayName;
        permissions.add(Permission.PUBLIC);
        permissions.add(Permission.SIGNED_IN);
        this.permissions = Set.copyOf(permissions);
    }

    public String displayName() {
        return displayName;
    }

    public boolean allows(Permission p) {
        return permissions.contains(p);
    }

    /**
     * Accepts the M365 name ("Help Desk"), the enum name ("HelpDesk") or a slug ("help-desk"),
     * case-insensitively; throws {@link IllegalArgumentException} listing the roles otherwise.
     */
    public static Role parse(String text) {
        String key = text == null ? "" : text.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.name().toLowerCase(Locale.ROOT).equals(key)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; known: "
                + Arrays.stream(values()).map(Role::displayName).toList());
    }
}
