package org.scopeflow.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.model.Membership;
import org.scopeflow.model.Page;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;

/** {@link ProjectRepository} over the {@code projects} and {@code memberships} tables. */
final class JdbcProjectRepository implements ProjectRepository {
    private static final String UPSERT_MEMBERSHIP = """
            MERGE INTO memberships m
            USING (SELECT CAST(:project AS BIGINT) AS project_id, CAST(:user AS BIGINT) AS user_id,
                          CAST(:role AS VARCHAR(20)) AS role, CAST(:now AS TIMESTAMP WITH TIME ZONE) AS created_at) s
            ON m.project_id = s.project_id AND m.user_id = s.user_id
            WHEN MATCHED THEN UPDATE SET role = s.role, created_at = s.created_at
            WHEN NOT MATCHED THEN INSERT (project_id, user_id, role, created_at)
                 VALUES (s.project_id, s.user_id, s.role, s.created_at)""";

    private final Jdbi jdbi;
    private final Clock clock;

    JdbcProjectRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Project create(String name, String title) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("project name '" + name + "' must have 1–200 characters");
        }
        long id = SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO projects (name, title, created_at) VALUES (:name, :title, :now)")
                        .bind("name", name).bind("title", title).bind("now", Timestamps.now(clock))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()),
                "project '" + name + "' already exists; choose another name", "");
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Project> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects WHERE id = :id")
                .bind("id", id).map(Rows.PROJECT).findOne());
    }

    @Override
    public Optional<Project> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects WHERE name = :name")
                .bind("name", name).map(Rows.PROJECT).findOne());
    }

    @Override
    public Page<Project> list(long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM projects WHERE id > :after ORDER BY id LIMIT :fetch")
                .bind("after", afterId).bind("fetch", fetch).map(Rows.PROJECT).list()), limit, Project::id);
    }

    @Override
    public Membership setRole(long projectId, long userId, ProjectRole role) {
        SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate(UPSERT_MEMBERSHIP)
                        .bind("project", projectId).bind("user", userId).bind("role", role.label())
                        .bind("now", Timestamps.now(clock)).execute()),
                "membership of user " + userId + " in project " + projectId + " was written concurrently; retry",
                "project " + projectId + " or user " + userId + " does not exist; create it first");
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM memberships WHERE project_id = :project AND user_id = :user")
                .bind("project", projectId).bind("user", userId).map(Rows.MEMBERSHIP).one());
    }

    @Override
    public boolean removeMember(long projectId, long userId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM memberships WHERE project_id = :project AND user_id = :user")
                .bind("project", projectId).bind("user", userId).execute()) > 0;
    }

    @Override
    public Optional<ProjectRole> roleOf(long projectId, long userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT role FROM memberships WHERE project_id = :project AND user_id = :user")
                .bind("project", projectId).bind("user", userId).mapTo(String.class).findOne()
                .map(ProjectRole::fromLabel));
    }

    @Override
    public List<Membership> members(long projectId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM memberships WHERE project_id = :project ORDER BY user_id")
                .bind("project", projectId).map(Rows.MEMBERSHIP).list());
    }

    @Override
    public List<Membership> membershipsOf(long userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM memberships WHERE user_id = :user ORDER BY project_id")
                .bind("user", userId).map(Rows.MEMBERSHIP).list());
    }
}
