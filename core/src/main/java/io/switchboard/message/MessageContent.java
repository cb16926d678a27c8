package io.switchboard.message;

/**
 * What a message says: the channel-neutral content of an outbound message.
 *
 * <p>A sealed hierarchy so that a channel adapter (and a host) can handle every kind exhaustively.
 * Each channel documents which kinds it supports and validates the limits it imposes before any
 * network call. All implementations are immutable values.
 */
public sealed interface MessageContent
    permits Text,
        Media,
        Location,
        Contacts,
        Reaction,
        Template,
        Interactive,
        QuickReplies,
        ButtonTemplate,
        CardCarousel {}
