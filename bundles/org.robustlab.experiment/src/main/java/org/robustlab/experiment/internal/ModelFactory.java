package org.robustlab.experiment.internal;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.ModelSection;

/** Builds the network of each model of a run from the shared architecture and the model's training mode. */
final class ModelFactory {

    private final RunSession session;

    private final LoadedData data;

    ModelFactory(RunSession session, LoadedData data) {
        this.session = session;
        this.data = data;
    }

    /** Returns the training mode of a model. */
    @SuppressWarnings("unchecked")
    TrainingMode<Record> mode(ModelSection model) {
        return (TrainingMode<Record>) session.catalog().modes().get(model.mode().id());
    }

    /** Returns the normalization a model trains with: dual batch norm for dual-BN modes. */
    Normalization normalization(ModelSection model) {
        return mode(model).normalization(model.mode().parameters());
    }

    /** Returns the network specification of a model. */
    @SuppressWarnings("unchecked")
    NetworkSpec spec(ModelSection model) {
        ContributionChoice architecture = session.experiment().architecture();
        NetworkShape shape = new NetworkShape(
                data.manifest().channels(),
                data.manifest().height(),
                data.manifest().width(),
                data.outputs(),
                data.head(),
                normalization(model));
        ModelArchitecture<Record> contribution =
                (ModelArchitecture<Record>) session.catalog().architectures().get(architecture.id());
        return contribution.build(shape, architecture.parameters());
    }

    /** Returns the run's engine. */
    Engine engine() {
        return session.catalog().engines().get(session.experiment().engine());
    }

    /** Creates a model with the seeded initial parameters shared by every model of the run. */
    Model create(ModelSection model) {
        return engine().create(spec(model), session.experiment().seed());
    }

    /** Creates a model with the given parameters. */
    Model create(ModelSection model, Map<String, INDArray> parameters) {
        return engine().create(spec(model), parameters);
    }
}
