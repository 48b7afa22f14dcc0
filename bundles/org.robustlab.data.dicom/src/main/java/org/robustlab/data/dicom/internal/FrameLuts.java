package org.robustlab.data.dicom.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.robustlab.data.dicom.ModalityLut;
import org.robustlab.data.dicom.Voi;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/**
 * The Modality LUT and VOI presets of every frame. Enhanced multi-frame images carry them in the Pixel Value
 * Transformation and Frame VOI LUT functional groups (PS3.3 C.7.6.16.2.9 and C.7.6.16.2.10): a per-frame item
 * overrides the shared item, which overrides the top-level attributes.
 *
 * @param modalityLuts one entry, or one per frame
 * @param voiPresets one list, or one per frame
 */
record FrameLuts(List<ModalityLut> modalityLuts, List<List<Voi>> voiPresets) {

    /** Reads the LUTs of an image with {@code frames} frames. */
    static FrameLuts read(AttributeList list, int frames, LutReader reader) {
        AttributeList shared = AttributeValues.item(list, TagFromName.SharedFunctionalGroupsSequence, 0);
        ModalityLut topModality = reader.modalityLut(list).orElse(ModalityLut.IDENTITY);
        List<Voi> topVoi = reader.voiPresets(list);
        ModalityLut sharedModality = modality(shared, reader).orElse(topModality);
        List<Voi> sharedVoi = voi(shared, reader).orElse(topVoi);
        int perFrameItems = AttributeValues.itemCount(list, TagFromName.PerFrameFunctionalGroupsSequence);
        if (perFrameItems == 0) {
            return new FrameLuts(List.of(sharedModality), List.of(sharedVoi));
        }
        List<ModalityLut> modalityLuts = new ArrayList<>(frames);
        List<List<Voi>> voiPresets = new ArrayList<>(frames);
        for (int frame = 0; frame < frames; frame++) {
            AttributeList item = AttributeValues.item(list, TagFromName.PerFrameFunctionalGroupsSequence, frame);
            modalityLuts.add(modality(item, reader).orElse(sharedModality));
            voiPresets.add(voi(item, reader).orElse(sharedVoi));
        }
        return new FrameLuts(modalityLuts, voiPresets);
    }

    private static Optional<ModalityLut> modality(AttributeList group, LutReader reader) {
        AttributeList item = macro(group, TagFromName.PixelValueTransformationSequence);
        return item == null ? Optional.empty() : reader.modalityLut(item);
    }

    private static Optional<List<Voi>> voi(AttributeList group, LutReader reader) {
        AttributeList item = macro(group, TagFromName.FrameVOILUTSequence);
        return item == null || !LutReader.hasVoi(item) ? Optional.empty() : Optional.of(reader.voiPresets(item));
    }

    private static AttributeList macro(AttributeList group, AttributeTag sequence) {
        return group == null ? null : AttributeValues.item(group, sequence, 0);
    }
}
