package org.scopeflow.model;

/** What a member may do in a project: owners manage it, members add data, viewers only read. */
public enum ProjectRole {
    OWNER, MEMBER, VIEWER;

    /** The lower-case form used in the catalog and JSON, e.g. {@code owner}. */
    public String label() {
        return Labels.of(this);
    }

    /** @throws IllegalArgumentException naming the value and the accepted labels */
    public static ProjectRole fromLabel(String label) {
        return Labels.find(ProjectRole.class, "project role", label, ProjectRole::label);
    }
}
