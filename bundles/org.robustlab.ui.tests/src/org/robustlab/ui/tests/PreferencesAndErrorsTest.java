package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.preference.PreferenceDialog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReader;
import org.robustlab.ui.handlers.Problems;
import org.robustlab.ui.preferences.EngineMemoryPage;

/** The engine and memory preference page and the error dialog, in the running workbench. */
class PreferencesAndErrorsTest {

    @Test
    void preferencePageSavesEngineAndMemorySettings(@TempDir Path home) throws Exception {
        PreferenceDialog dialog = EngineMemoryPage.dialog(Workbench.mainShell(), home, List.of("nd4j", "pytorch"));
        dialog.setBlockOnOpen(false);
        dialog.open();
        Workbench.flush();
        EngineMemoryPage page = (EngineMemoryPage) dialog.getSelectedPage();
        page.fill("pytorch", "6g", "12g", 4);
        Workbench.screenshot(dialog.getShell(), "preferences.png");
        boolean saved = page.performOk();
        dialog.close();

        assertThat(saved).isTrue();
        assertThat(Files.readAllLines(home.resolve("settings.env")))
                .contains("ROBUSTLAB_ENGINE=${ROBUSTLAB_ENGINE:-pytorch}", "ROBUSTLAB_HEAP=${ROBUSTLAB_HEAP:-6g}",
                        "ROBUSTLAB_OFFHEAP=${ROBUSTLAB_OFFHEAP:-12g}", "ROBUSTLAB_THREADS=${ROBUSTLAB_THREADS:-4}");
    }

    @Test
    void preferencePageRejectsInvalidHeap(@TempDir Path home) {
        PreferenceDialog dialog = EngineMemoryPage.dialog(Workbench.mainShell(), home, List.of("nd4j"));
        dialog.setBlockOnOpen(false);
        dialog.open();
        EngineMemoryPage page = (EngineMemoryPage) dialog.getSelectedPage();
        page.fill("nd4j", "a lot", "4g", 0);
        boolean saved = page.performOk();
        String message = page.getErrorMessage();
        dialog.close();

        assertThat(saved).isFalse();
        assertThat(message).contains("Java heap 'a lot' is invalid");
        assertThat(home.resolve("settings.env")).doesNotExist();
    }

    @Test
    void errorDialogNamesWhatFailedAndWhy() throws Exception {
        Path file = Workbench.testFile("pydicom/README.txt");
        var context = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
        DicomReader reader = context.getService(context.getServiceReference(DicomReader.class));
        DicomReadException error = org.junit.jupiter.api.Assertions.assertThrows(
                DicomReadException.class, () -> reader.read(file));
        IStatus status = Problems.status("Cannot read " + file.getFileName() + ": " + error.getMessage(), error);
        // the test harness sets ErrorDialog.AUTOMATED_MODE, in which dialogs are only logged
        boolean automated = ErrorDialog.AUTOMATED_MODE;
        ErrorDialog.AUTOMATED_MODE = false;
        ErrorDialog dialog;
        try {
            dialog = Problems.open(Workbench.mainShell(), "DICOM import", status, false);
        } finally {
            ErrorDialog.AUTOMATED_MODE = automated;
        }
        Workbench.flush();
        String title = dialog.getShell().getText();
        Workbench.screenshot(dialog.getShell(), "error-dialog.png");
        dialog.close();

        assertThat(title).isEqualTo("DICOM import failed");
        assertThat(error.reason()).isEqualTo(DicomReadException.Reason.NOT_DICOM);
        assertThat(status.getMessage()).contains("README.txt");
        assertThat(status.getChildren()).extracting(IStatus::getMessage)
                .anyMatch(text -> text.startsWith("DicomReadException: "));
    }
}
