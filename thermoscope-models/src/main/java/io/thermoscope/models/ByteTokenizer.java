package io.thermoscope.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.io.Json;

/**
 * The tokenizer.json of a byte-level model (token id = byte value of the UTF-8 text, 256 ids, no special tokens), in
 * the HuggingFace tokenizers format: a ByteLevel pre-tokenizer (GPT-2's byte → printable-character map, no regex
 * split, no prefix space) and a BPE model whose vocabulary is the 256 byte characters with no merges. Any tool that
 * reads tokenizer.json (the DJL tokenizer used here, HuggingFace's) then maps text to the decoder's ids.
 */
public final class ByteTokenizer {
    private ByteTokenizer() {
    }

    /** GPT-2's bytes_to_unicode: printable bytes map to themselves, the other 68 to U+0100 onwards. */
    static char[] byteCharacters() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) printable[b] = true;
        int next = 256;
        for (int b = 0; b < 256; b++) map[b] = printable[b] ? (char) b : (char) next++;
        return map;
    }

    /** The tokenizer.json document. */
    public static String json() {
        ObjectNode root = Json.object();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel());
        root.putNull("post_processor");
        root.set("decoder", byteLevel());
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        char[] map = byteCharacters();
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(map[b]), b);
        model.putArray("merges");
        return Json.toJson(root);
    }

    private static ObjectNode byteLevel() {
        ObjectNode n = Json.object();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", false);
        n.put("trim_offsets", false);
        n.put("use_regex", false);
        return n;
    }
}
