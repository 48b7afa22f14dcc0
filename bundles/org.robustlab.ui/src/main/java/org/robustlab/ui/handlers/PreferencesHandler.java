package org.robustlab.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.engine.Engines;
import org.robustlab.ui.preferences.EngineMemoryPage;
import org.robustlab.ui.preferences.WorkbenchSettings;

/** Handler of the "Preferences" command: opens the engine and memory preferences. */
public class PreferencesHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional Engines engines) {
        List<String> ids = engines == null
                ? List.of()
                : engines.list().stream().map(ContributionInfo::id).toList();
        EngineMemoryPage.dialog(shell, WorkbenchSettings.home(), ids).open();
    }
}
