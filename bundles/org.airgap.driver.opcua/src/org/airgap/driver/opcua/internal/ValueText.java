package org.airgap.driver.opcua.internal;

import java.lang.reflect.Array;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * Attribute values as the table file shows them: stable text that does not depend on the session
 * (node ids with namespace URIs, not indexes, which a server may renumber on restart).
 */
final class ValueText {

    private ValueText() {
    }

    /** A node id with its namespace URI ({@code nsu=urn:…;s=Line1}); namespace 0 as {@code i=85}. */
    static String nodeId(NodeId id, NamespaceTable namespaces) {
        if (id.getNamespaceIndex().intValue() == 0 || namespaces.get(id.getNamespaceIndex()) == null) {
            return id.toParseableString();
        }
        return id.expanded(namespaces).toParseableString();
    }

    static String nodeId(ExpandedNodeId id, NamespaceTable namespaces) {
        return id.absolute(namespaces).orElse(id).toParseableString();
    }

    /** A data type: the built-in type's name (Int32, String) or the type's node id. */
    static String dataType(DataValue value, NamespaceTable namespaces) {
        if (value.getStatusCode().isBad()) {
            return status(value);
        }
        Object type = value.getValue().getValue();
        if (!(type instanceof NodeId id)) {
            return "";
        }
        if (id.getNamespaceIndex().intValue() == 0 && id.getIdentifier() instanceof UInteger number) {
            OpcUaDataType builtin = OpcUaDataType.fromTypeId(number.intValue());
            if (builtin != null) {
                return builtin.name();
            }
        }
        return nodeId(id, namespaces);
    }

    /** The access level as the flags' names joined by '+' (CurrentRead+CurrentWrite), or "none". */
    static String accessLevel(DataValue value) {
        if (value.getStatusCode().isBad()) {
            return status(value);
        }
        if (!(value.getValue().getValue() instanceof UByte level)) {
            return "";
        }
        EnumSet<AccessLevel> flags = AccessLevel.fromValue(level);
        return flags.isEmpty() ? "none" : flags.stream().map(Enum::name).collect(Collectors.joining("+"));
    }

    /** A localized text's text, or "" when it has none. */
    static String text(DataValue value) {
        if (value.getStatusCode().isBad()) {
            return "";
        }
        return value.getValue().getValue() instanceof LocalizedText text && text.getText() != null ? text.getText() : "";
    }

    /** A variable's value, or its status name when it could not be read ("(Bad_NotReadable)"). */
    static String value(DataValue value, NamespaceTable namespaces) {
        if (value.getStatusCode().isBad()) {
            return status(value);
        }
        Variant variant = value.getValue();
        return variant.isNull() ? "" : format(variant.getValue(), namespaces);
    }

    private static String status(DataValue value) {
        return "(" + OpcUaProblems.statusName(value.getStatusCode().getValue()) + ")";
    }

    private static String format(Object value, NamespaceTable namespaces) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(format(Array.get(value, i), namespaces));
            }
            return items.toString();
        }
        if (value instanceof LocalizedText text) {
            return text.getText() == null ? "" : text.getText();
        }
        if (value instanceof QualifiedName name) {
            return name.toParseableString();
        }
        if (value instanceof ByteString bytes) {
            return "0x" + HexFormat.of().formatHex(bytes.bytesOrEmpty());
        }
        if (value instanceof DateTime time) {
            return time.toIso8601String();
        }
        if (value instanceof NodeId id) {
            return nodeId(id, namespaces);
        }
        if (value instanceof ExpandedNodeId id) {
            return nodeId(id, namespaces);
        }
        return value.toString();
    }
}
