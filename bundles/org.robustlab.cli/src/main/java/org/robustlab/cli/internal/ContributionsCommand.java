package org.robustlab.cli.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.contribution.ContributionRegistry;

/** {@code robustlab contributions}: lists every registered contribution by kind with id, label and bundle. */
@Component(service = Command.class)
public final class ContributionsCommand implements Command {

    private final List<ContributionRegistry<?>> registries = new CopyOnWriteArrayList<>();

    @Reference(
            service = ContributionRegistry.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeRegistry")
    void addRegistry(ContributionRegistry<?> registry) {
        registries.add(registry);
    }

    void removeRegistry(ContributionRegistry<?> registry) {
        registries.remove(registry);
    }

    @Override
    public String name() {
        return "contributions";
    }

    @Override
    public String summary() {
        return "List the registered contributions by kind: id, label and providing bundle";
    }

    @Override
    public String usage() {
        return """
                Usage: robustlab contributions [--verbose]

                Lists every registered contribution (dataset importers, attacks, architectures, engines,
                saliency methods, metrics, training modes, evaluation views) grouped by kind, with its id,
                label and the bundle that provides it. --verbose adds each description.""";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) {
        boolean verbose = arguments.contains("--verbose");
        List<String> unknown = new ArrayList<>(arguments);
        unknown.remove("--verbose");
        if (!unknown.isEmpty()) {
            context.err().println("Unknown option " + unknown.get(0) + "\n" + usage());
            return USAGE;
        }
        List<ContributionRegistry<?>> sorted = new ArrayList<>(registries);
        sorted.sort(Comparator.comparing(ContributionRegistry::kind));
        Map<String, List<ContributionInfo>> listings = new LinkedHashMap<>();
        for (ContributionRegistry<?> registry : sorted) {
            listings.put(registry.kind(), registry.list());
        }
        String row = rowFormat(listings.values());
        listings.forEach((kind, infos) -> print(kind, infos, row, verbose, context));
        return OK;
    }

    /** Returns the format of one row, with the id and label columns as wide as their longest value. */
    private static String rowFormat(Collection<List<ContributionInfo>> listings) {
        int idWidth = 1;
        int labelWidth = 1;
        for (List<ContributionInfo> infos : listings) {
            for (ContributionInfo info : infos) {
                idWidth = Math.max(idWidth, info.id().length());
                labelWidth = Math.max(labelWidth, info.label().length());
            }
        }
        return "  %-" + idWidth + "s  %-" + labelWidth + "s  %s%n";
    }

    private static void print(
            String kind, List<ContributionInfo> infos, String row, boolean verbose, CommandContext context) {
        context.out().println(kind + " (" + infos.size() + ")");
        for (ContributionInfo info : infos) {
            context.out().printf(row, info.id(), info.label(), info.bundle());
            if (verbose && !info.description().isEmpty()) {
                context.out().println("      " + info.description());
            }
        }
    }
}
