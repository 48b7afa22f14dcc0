package org.robustlab.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Handler of the "Open perspective" command: switches the window to the perspective named by the command's
 * parameter. The Window menu and the key bindings Ctrl+Alt+1 to Ctrl+Alt+5 call it.
 */
public class SwitchPerspectiveHandler {

    /** Id of the command. */
    public static final String COMMAND_ID = "org.robustlab.ui.command.perspective";

    /** Id of the command parameter that holds the perspective id. */
    public static final String PARAMETER_ID = "org.robustlab.ui.commandparameter.perspective";

    @Execute
    public void execute(
            @Named(PARAMETER_ID) String perspectiveId, MWindow window, EModelService models, EPartService parts) {
        if (!(models.find(perspectiveId, window) instanceof MPerspective perspective)) {
            throw new IllegalArgumentException("No perspective " + perspectiveId + " in window " + window.getLabel());
        }
        parts.switchPerspective(perspective);
    }
}
