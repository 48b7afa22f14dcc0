package org.robustlab.ui.datasets;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.data.DatasetImporter;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.ui.forms.ParameterForm;

/**
 * Imports a dataset with one of the registered importers. The first page chooses the importer, the source and the
 * preprocessing; the second is generated from the importer's parameter record.
 */
public final class ImportWizard extends Wizard {

    private final DatasetImporters importers;

    private final Path cacheDirectory;

    private final SourcePage sourcePage = new SourcePage();

    private final ParameterPage parameterPage = new ParameterPage();

    private ImportSettings settings;

    /** Creates the wizard over the installed importers; {@code cacheDirectory} is the tensor cache root. */
    public ImportWizard(DatasetImporters importers, Path cacheDirectory) {
        this.importers = importers;
        this.cacheDirectory = cacheDirectory;
        setWindowTitle("Import dataset");
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        addPage(sourcePage);
        addPage(parameterPage);
    }

    @Override
    public boolean performFinish() {
        try {
            DatasetImporter<?> importer = importers.get(sourcePage.importerId());
            Record parameters = parameterPage.scroll == null
                    ? importer.defaultParameters()
                    : parameterPage.form().value(importer.defaultParameters(), "parameters");
            settings = new ImportSettings(
                    sourcePage.importerId(),
                    parameters,
                    Path.of(sourcePage.source.getText().strip()),
                    cacheDirectory,
                    Integer.parseInt(sourcePage.size.getText().strip()),
                    Integer.parseInt(sourcePage.channels.getText()),
                    Long.parseLong(sourcePage.seed.getText().strip()),
                    Double.parseDouble(sourcePage.validation.getText().strip()),
                    Double.parseDouble(sourcePage.test.getText().strip()));
            settings.request(null);
            return true;
        } catch (IllegalArgumentException e) {
            parameterPage.setErrorMessage(e.getMessage());
            return false;
        }
    }

    /** Returns what the user chose, after Finish; {@code null} before or after Cancel. */
    public ImportSettings settings() {
        return settings;
    }

    /** Returns the first page, for tests. */
    public SourcePage sourcePage() {
        return sourcePage;
    }

    /** Returns the parameter form of the second page, once it has been shown. */
    public ParameterForm parameterForm() {
        return parameterPage.form();
    }

    /** Importer, source folder and preprocessing. */
    public final class SourcePage extends WizardPage {

        private Combo importer;

        private Text source;

        private Text size;

        private Combo channels;

        private Text seed;

        private Text validation;

        private Text test;

        SourcePage() {
            super("source", "Importer and source", null);
            setDescription("Choose a dataset layout and the file or folder that holds it.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite page = new Composite(parent, SWT.NONE);
            page.setLayout(new GridLayout(3, false));
            importer = new Combo(page, SWT.READ_ONLY);
            labelled(page, "Importer", importer);
            List<ContributionInfo> infos = importers.list();
            infos.forEach(info -> importer.add(info.id() + " - " + info.label()));
            importer.select(0);
            source = new Text(page, SWT.BORDER);
            labelled(page, "Source", source);
            Button browse = new Button(page, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, event -> {
                String folder = new DirectoryDialog(getShell()).open();
                if (folder != null) {
                    source.setText(folder);
                }
            });
            size = text(page, "Image size (pixels)", "64");
            channels = new Combo(page, SWT.READ_ONLY);
            labelled(page, "Channels", channels);
            channels.setItems("1", "3");
            channels.select(0);
            seed = text(page, "Split seed", "1");
            validation = text(page, "Validation fraction", "0.1");
            test = text(page, "Test fraction", "0.2");
            source.addListener(
                    SWT.Modify, event -> setPageComplete(!source.getText().isBlank()));
            setPageComplete(false);
            setControl(page);
        }

        /** Returns the id of the chosen importer. */
        public String importerId() {
            String text = importer.getText();
            return text.substring(0, text.indexOf(" - "));
        }

        /** Chooses an importer by id and the source, as a user would. */
        public void choose(String importerId, Path folder) {
            for (int i = 0; i < importer.getItemCount(); i++) {
                if (importer.getItem(i).startsWith(importerId + " - ")) {
                    importer.select(i);
                }
            }
            source.setText(folder.toString());
        }

        /** Sets the image size in pixels. */
        public void setSize(int pixels) {
            size.setText(Integer.toString(pixels));
        }

        private Text text(Composite page, String label, String value) {
            Text field = new Text(page, SWT.BORDER);
            labelled(page, label, field);
            field.setText(value);
            new Label(page, SWT.NONE);
            return field;
        }

        private void labelled(Composite page, String label, org.eclipse.swt.widgets.Control field) {
            Label name = new Label(page, SWT.NONE);
            name.setText(label + ":");
            name.moveAbove(field);
            field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            if (field instanceof Combo) {
                new Label(page, SWT.NONE);
            }
        }
    }

    /** The importer's parameters, generated from its record. */
    private final class ParameterPage extends WizardPage {

        private ScrolledComposite scroll;

        private ParameterForm form;

        private String formFor;

        ParameterPage() {
            super("parameters", "Importer parameters", null);
            setDescription("Parameters of the chosen importer; hover over a name for its description.");
        }

        @Override
        public void createControl(Composite parent) {
            scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
            scroll.setExpandHorizontal(true);
            scroll.setExpandVertical(true);
            setControl(scroll);
        }

        @Override
        public void setVisible(boolean visible) {
            if (visible) {
                form();
            }
            super.setVisible(visible);
        }

        ParameterForm form() {
            String id = sourcePage.importerId();
            if (form == null || !id.equals(formFor)) {
                if (form != null) {
                    form.control().dispose();
                }
                form = new ParameterForm(scroll, importers.get(id).defaultParameters());
                formFor = id;
                scroll.setContent(form.control());
                scroll.setMinSize(form.control().computeSize(SWT.DEFAULT, SWT.DEFAULT));
            }
            return form;
        }
    }
}
