package org.robustlab.experiment.internal;

import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.DatasetManifest;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.model.Head;

/**
 * The imported dataset of a run and its splits.
 *
 * @param dataset the dataset
 * @param train the training split
 * @param validation the validation split, possibly empty
 * @param test the test split
 */
record LoadedData(Dataset dataset, SplitData train, SplitData validation, SplitData test) {

    DatasetManifest manifest() {
        return dataset.manifest();
    }

    /** Returns the output head the task needs: softmax for one class per image, sigmoid for multi-label. */
    Head head() {
        return manifest().task() == TaskType.MULTICLASS ? Head.SOFTMAX : Head.SIGMOID;
    }

    int outputs() {
        return manifest().labels().size();
    }
}
