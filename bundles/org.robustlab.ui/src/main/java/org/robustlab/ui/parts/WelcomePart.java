package org.robustlab.ui.parts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.contribution.ContributionRegistry;

/** The first part of the workbench: what Robustlab is and which contributions are installed. */
public class WelcomePart {

    private ServiceTracker<ContributionRegistry<?>, ContributionRegistry<?>> tracker;

    private Table table;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Label title = new Label(parent, SWT.NONE);
        title.setText("Robustlab: adversarial robustness and saliency on medical images");
        Label hint = new Label(parent, SWT.WRAP);
        hint.setText("Installed contributions. Every entry is an OSGi service; install a bundle to add one.");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String heading : new String[] {"Kind", "Id", "Label", "Bundle"}) {
            new TableColumn(table, SWT.NONE).setText(heading);
        }
        openTracker();
        refresh();
    }

    /** Returns the contributions table, for tests. */
    public Table table() {
        return table;
    }

    /** Fills the table from the registries currently registered. */
    public void refresh() {
        table.removeAll();
        for (ContributionInfo info : contributions()) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {info.kind(), info.id(), info.label(), info.bundle()});
        }
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
    }

    @PreDestroy
    public void dispose() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private void openTracker() {
        var bundle = FrameworkUtil.getBundle(WelcomePart.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<ContributionRegistry<?>> type = (Class) ContributionRegistry.class;
            tracker = new ServiceTracker<>(context, type, null);
            tracker.open();
        }
    }

    private List<ContributionInfo> contributions() {
        List<ContributionInfo> infos = new ArrayList<>();
        Object[] registries = tracker == null ? null : tracker.getServices();
        if (registries != null) {
            for (Object registry : registries) {
                infos.addAll(((ContributionRegistry<?>) registry).list());
            }
        }
        infos.sort(Comparator.comparing(ContributionInfo::kind).thenComparing(ContributionInfo::id));
        return infos;
    }
}
