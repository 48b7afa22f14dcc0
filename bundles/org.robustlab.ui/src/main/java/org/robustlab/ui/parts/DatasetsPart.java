package org.robustlab.ui.parts;

import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.core.data.ImportResult;
import org.robustlab.data.dicom.DicomReadException;
import org.robustlab.data.dicom.DicomReader;
import org.robustlab.ui.datasets.DicomBrowser;
import org.robustlab.ui.datasets.ImportSettings;
import org.robustlab.ui.datasets.ImportWizard;
import org.robustlab.ui.datasets.SampleBrowser;
import org.robustlab.ui.dicom.DicomViewer;
import org.robustlab.ui.handlers.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets part: a browser of DICOM files with the viewer, and the samples of a dataset imported through the
 * import wizard over the registered importers. It uses the same {@link DicomReader} and {@link DatasetImporters}
 * services as the command line.
 */
public class DatasetsPart {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetsPart.class);

    @Inject
    @Optional
    DicomReader reader;

    @Inject
    @Optional
    DatasetImporters importers;

    private DicomBrowser browser;

    private SampleBrowser samples;

    private DicomViewer viewer;

    private CTabFolder tabs;

    private Job importJob;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        tabs = new CTabFolder(sash, SWT.BORDER | SWT.TOP);
        browser = new DicomBrowser(tabs, this::openFile);
        tab("DICOM files", browser.control());
        Composite datasetTab = new Composite(tabs, SWT.NONE);
        datasetTab.setLayout(new GridLayout(1, false));
        Button importButton = new Button(datasetTab, SWT.PUSH);
        importButton.setText("Import...");
        importButton.setEnabled(importers != null);
        importButton.addListener(SWT.Selection, event -> openImportWizard());
        samples = new SampleBrowser(datasetTab);
        samples.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tab("Dataset", datasetTab);
        tabs.setSelection(0);
        viewer = new DicomViewer(sash);
        sash.setWeights(3, 7);
        if (reader == null) {
            viewer.clear("No DICOM reader service is installed; install org.robustlab.data.dicom.");
        }
    }

    /** Reads a DICOM file with the reader service and shows it; a failure is shown in the viewer's status line. */
    public void openFile(Path file) {
        if (reader == null) {
            viewer.clear("No DICOM reader service is installed; install org.robustlab.data.dicom.");
            return;
        }
        BusyIndicator.showWhile(viewer.control().getDisplay(), () -> {
            try {
                viewer.show(reader.read(file), file);
            } catch (DicomReadException | IllegalStateException e) {
                LOG.warn("Cannot show {}: {}", file.getFileName(), e.getMessage());
                viewer.clear("Cannot show " + file.getFileName() + ": " + e.getMessage());
            }
        });
    }

    /** Opens the import wizard; Finish starts the import as a job. */
    public void openImportWizard() {
        ImportWizard wizard = new ImportWizard(importers, defaultCache());
        if (new WizardDialog(tabs.getShell(), wizard).open() == WizardDialog.OK) {
            startImport(wizard.settings());
        }
    }

    /** Starts an import with the given settings as an Eclipse job and shows the dataset when it completes. */
    public Job startImport(ImportSettings settings) {
        Display display = tabs.getDisplay();
        importJob = Job.create("Import dataset with " + settings.importerId(), monitor -> {
            return runImport(settings, monitor, display);
        });
        importJob.setUser(true);
        importJob.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                IStatus result = event.getResult();
                if (result.getSeverity() == IStatus.ERROR) {
                    display.asyncExec(() -> {
                        if (!tabs.isDisposed()) {
                            Problems.open(tabs.getShell(), "Dataset import", result, true);
                        }
                    });
                }
            }
        });
        importJob.schedule();
        return importJob;
    }

    /** Returns the job of the last import, or {@code null}. */
    public Job importJob() {
        return importJob;
    }

    /** Returns the dataset importer registry, or {@code null} when none is installed. */
    public DatasetImporters importers() {
        return importers;
    }

    /** Returns the DICOM file browser. */
    public DicomBrowser browser() {
        return browser;
    }

    /** Returns the sample browser. */
    public SampleBrowser samples() {
        return samples;
    }

    /** Returns the DICOM viewer. */
    public DicomViewer viewer() {
        return viewer;
    }

    /** Shows the tab with this index: 0 DICOM files, 1 dataset. */
    public void showTab(int index) {
        tabs.setSelection(index);
    }

    private IStatus runImport(ImportSettings settings, IProgressMonitor monitor, Display display) {
        try {
            ImportResult result = importWith(importers.get(settings.importerId()), settings, monitor);
            Dataset dataset = result.dataset();
            LOG.info(
                    "Imported {} samples with {}, {} files skipped",
                    dataset.size(),
                    settings.importerId(),
                    result.skipped().size());
            display.asyncExec(() -> {
                if (!tabs.isDisposed()) {
                    samples.show(dataset);
                    showTab(1);
                }
            });
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("Import with {} from {} failed: {}", settings.importerId(), settings.source(), e.getMessage());
            return Problems.status(
                    "Import with " + settings.importerId() + " from " + settings.source() + " failed: "
                            + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ImportResult importWith(DatasetImporter importer, ImportSettings settings, IProgressMonitor monitor)
            throws java.io.IOException {
        return importer.importDataset(settings.request(monitor), settings.parameters());
    }

    private void tab(String title, Composite content) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(content);
    }

    private static Path defaultCache() {
        String home = System.getenv("ROBUSTLAB_HOME");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".robustlab");
        return base.resolve("datasets");
    }
}
