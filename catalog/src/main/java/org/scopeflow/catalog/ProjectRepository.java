package org.scopeflow.catalog;

import java.util.List;
import java.util.Optional;
import org.scopeflow.model.Membership;
import org.scopeflow.model.Page;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;

/** Projects and who belongs to them. Thread-safe. */
public interface ProjectRepository {
    /**
     * Adds a project.
     *
     * @param name  unique, 1–200 characters
     * @param title may be null
     * @throws IllegalStateException when the name is taken
     */
    Project create(String name, String title);

    Optional<Project> find(long id);

    Optional<Project> findByName(String name);

    /** Projects with id greater than {@code afterId} (0 = from the start), by id, at most {@code limit}. */
    Page<Project> list(long afterId, int limit);

    /**
     * Gives a user a role in a project, replacing the role the user had there.
     *
     * @throws IllegalStateException when the project or the user does not exist
     */
    Membership setRole(long projectId, long userId, ProjectRole role);

    /** Removes the user from the project; returns whether the user was a member. */
    boolean removeMember(long projectId, long userId);

    /** The user's role in the project, empty when not a member. */
    Optional<ProjectRole> roleOf(long projectId, long userId);

    /** Members of the project, by user id. */
    List<Membership> members(long projectId);

    /** Projects the user belongs to, by project id. */
    List<Membership> membershipsOf(long userId);
}
