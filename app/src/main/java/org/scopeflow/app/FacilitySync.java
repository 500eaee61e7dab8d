package org.scopeflow.app;

import java.util.ArrayList;
import java.util.List;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;
import org.scopeflow.model.config.FacilityConfig;
import org.scopeflow.model.config.InstrumentConfig;
import org.scopeflow.model.config.ProjectConfig;

/**
 * Brings the catalog in line with the facility configuration when the server (or the demo) starts:
 * configured instruments and projects are created when missing, and project members get their
 * configured role. Nothing is ever removed — an instrument or project dropped from the file keeps its
 * sessions and files. A member without an account is reported, not invented.
 */
final class FacilitySync {
    private FacilitySync() {}

    /**
     * @return one line per thing that could not be applied (e.g. a member without an account)
     */
    static List<String> apply(FacilityConfig config, Catalog catalog) {
        List<String> warnings = new ArrayList<>();
        for (InstrumentConfig i : config.instruments()) {
            if (catalog.instruments().findByName(i.name()).isEmpty()) {
                try {
                    catalog.instruments().create(new NewInstrument(i.name(), InstrumentKind.fromLabel(i.kind()), i.detector(),
                            i.pixelSizeAngstrom(), i.voltageKv()));
                } catch (IllegalStateException raced) {
                    // another server created it between our lookup and insert
                }
            }
        }
        for (ProjectConfig p : config.projects()) {
            Project project = catalog.projects().findByName(p.name()).orElseGet(() -> {
                try {
                    return catalog.projects().create(p.name(), p.title());
                } catch (IllegalStateException raced) {
                    return catalog.projects().findByName(p.name()).orElseThrow(() -> raced);
                }
            });
            for (ProjectConfig.Member m : p.members()) {
                var user = catalog.users().findByUsername(m.user());
                if (user.isEmpty()) {
                    warnings.add("projects." + p.name() + ": member '" + m.user() + "' has no account yet; create it with "
                            + "'scopeflow user add " + m.user() + "' and restart, or remove it from the configuration");
                    continue;
                }
                ProjectRole role = ProjectRole.fromLabel(m.role());
                if (catalog.projects().roleOf(project.id(), user.get().id()).filter(role::equals).isEmpty()) {
                    catalog.projects().setRole(project.id(), user.get().id(), role);
                }
            }
        }
        return warnings;
    }
}
