package org.effnas.worker.export;

import org.effnas.InvalidInputException;

/**
 * A network holds a layer, vertex or setting the ONNX exporter cannot express exactly. The export
 * stops instead of writing a graph that computes something else; the message names the layer.
 */
public class UnsupportedLayerException extends InvalidInputException {

    public UnsupportedLayerException(String layer, String what) {
        super("onnx export: layer '" + layer + "': " + what + "; the exporter writes only what it can express"
                + " exactly (see docs/deploy.md for the supported layers)");
    }
}
