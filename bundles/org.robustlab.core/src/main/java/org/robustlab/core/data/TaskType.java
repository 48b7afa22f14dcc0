package org.robustlab.core.data;

/** The kind of labels a dataset has. */
public enum TaskType {
    /** Exactly one class per image; labels are one-hot rows. */
    MULTICLASS,
    /** Any number of labels per image (including binary tasks with one label); labels are 0/1 rows. */
    MULTILABEL
}
