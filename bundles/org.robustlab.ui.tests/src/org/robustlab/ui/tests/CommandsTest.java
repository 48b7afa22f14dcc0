package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.junit.jupiter.api.Test;
import org.robustlab.ui.handlers.SwitchPerspectiveHandler;

/**
 * The workbench's commands and Window menu. NOTE: the Ctrl+Alt key bindings of the application model are not
 * checked here, because under the test harness org.eclipse.ui.workbench's BindingToModelProcessor replaces the
 * model's binding tables.
 */
class CommandsTest {

    @Test
    void openPerspectiveCommandSwitchesPerspective() {
        MWindow window = Workbench.mainWindow();
        ParameterizedCommand command = command("org.robustlab.ui.perspective.evaluation");
        window.getContext().get(EHandlerService.class).executeHandler(command);
        Workbench.flush();
        EModelService models = window.getContext().get(EModelService.class);

        assertThat(models.getActivePerspective(window).getElementId())
                .isEqualTo("org.robustlab.ui.perspective.evaluation");
    }

    @Test
    void windowMenuListsEveryPerspective() {
        Menu bar = Workbench.mainShell().getMenuBar();
        MMenu windowMenu = (MMenu) Workbench.mainWindow().getMainMenu().getChildren().get(0);
        StringBuilder labels = new StringBuilder();
        for (MMenuElement item : windowMenu.getChildren()) {
            labels.append(item.getLabel()).append('\n');
        }

        assertThat(bar).as("the rendered menu bar").isNotNull();
        assertThat(bar.getItemCount()).isEqualTo(1);
        assertThat(windowMenu.getLabel()).isEqualTo("Window");
        assertThat(labels.toString()).contains("Datasets", "Saliency comparison", "Evaluation", "Reader study",
                "Experiments", "Preferences...");
    }

    private static ParameterizedCommand command(String perspective) {
        ECommandService commands = Workbench.mainWindow().getContext().get(ECommandService.class);
        return commands.createCommand(SwitchPerspectiveHandler.COMMAND_ID,
                Map.of(SwitchPerspectiveHandler.PARAMETER_ID, perspective));
    }
}
