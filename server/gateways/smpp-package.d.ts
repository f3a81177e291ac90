// Types for the parts of the `smpp` package (farhadi/node-smpp 0.5.1, plain CommonJS, no types of its own)
// that the SMPP gateway, the SMSC stand-in and the benchmark use. Written from lib/smpp.js, lib/pdu.js and
// lib/defs.js of 0.5.1: where the docs and the source disagree, these follow the source.
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';
  import type { ConnectionOptions } from 'node:tls';

  namespace smpp {
    /**
     * A decoded short_message / message_payload: `message` is a string when the data_coding has a decoder, else
     * the raw bytes.
     */
    interface DecodedMessage {
      message: string | Buffer;
      udh?: Buffer[];
    }

    /**
     * Body parameters and TLVs of a PDU. Which ones exist depends on the command; unknown TLVs are kept
     * under their numeric tag. A PDU built with a non-zero command_status has only the header.
     */
    interface PduParams {
      command_status?: number;
      sequence_number?: number;
      system_id?: string;
      password?: string;
      system_type?: string;
      interface_version?: number;
      service_type?: string;
      source_addr_ton?: number;
      source_addr_npi?: number;
      source_addr?: string;
      dest_addr_ton?: number;
      dest_addr_npi?: number;
      destination_addr?: string;
      esm_class?: number;
      protocol_id?: number;
      priority_flag?: number;
      registered_delivery?: number;
      /** Omit it (do not pass undefined) to let the library pick GSM 7-bit, Latin-1 or UCS-2 from the text. */
      data_coding?: number;
      /** A string is encoded per data_coding; a Buffer is sent as is. At most 254 octets (one length byte). */
      short_message?: string | Buffer | DecodedMessage;
      message_payload?: string | Buffer | DecodedMessage;
      message_id?: string;
      receipted_message_id?: string;
      message_state?: number;
    }

    interface PDU extends PduParams {
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      isResponse(): boolean;
      /** The matching *_resp (generic_nack for an unknown command), with this PDU's sequence_number. */
      response(options?: PduParams): PDU;
      toBuffer(): Buffer;
    }

    interface PduConstructor {
      new (command: string, options?: PduParams): PDU;
    }

    type ResponseCallback = (pdu: PDU) => void;
    type Shortcut = {
      (options: PduParams, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
      (responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    };

    /**
     * One SMPP connection, client or server side. Emits 'connect' / 'secureConnect' (client), 'pdu' and the
     * command name of every PDU it reads, 'send', 'error' and 'close'. Nothing is answered automatically.
     */
    class Session extends EventEmitter {
      /** The net.Socket (tls.TLSSocket for ssmpp://) underneath. */
      readonly socket: Socket;
      /**
       * Returns false, and never calls back, when the socket is no longer writable. Throws if the PDU cannot be
       * encoded.
       */
      send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
      bind_transceiver: Shortcut;
      bind_transmitter: Shortcut;
      bind_receiver: Shortcut;
      submit_sm: Shortcut;
      deliver_sm: Shortcut;
      enquire_link: Shortcut;
      unbind: Shortcut;
      /** Ends the socket (FIN); the callback runs on 'close'. */
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
    }

    /** `url` is smpp://host:port or ssmpp://host:port (TLS); the other options go to net/tls.connect. */
    interface ConnectOptions extends ConnectionOptions {
      url: string;
      auto_enquire_link_period?: number;
    }

    interface Server extends NetServer {
      sessions: Session[];
    }

    interface ServerOptions {
      /** With both key and cert the server speaks TLS. */
      key?: string | Buffer;
      cert?: string | Buffer;
    }

    /** Encoders keyed by name (ASCII is really GSM 03.38 in unpacked octets, LATIN1, UCS2). */
    interface Encoding {
      match(value: string): boolean;
      encode(value: string): Buffer;
      decode(value: Buffer): string;
    }

    function connect(options: ConnectOptions, listener?: () => void): Session;
    function createServer(listener: (session: Session) => void): Server;
    function createServer(options: ServerOptions, listener: (session: Session) => void): Server;

    const PDU: PduConstructor;
    const errors: Record<string, number>;
    const encodings: Record<string, Encoding>;
    const consts: {
      ENCODING: Record<string, number>;
      ESM_CLASS: Record<string, number>;
      MESSAGE_STATE: Record<string, number>;
      REGISTERED_DELIVERY: Record<string, number>;
      TON: Record<string, number>;
      NPI: Record<string, number>;
    };
    const filters: {
      /**
       * The library's own short_message encoder: picks the encoding from `this.data_coding` (null: detect
       * from the text and set it), returns the bytes (the empty string unchanged). Throws for a data_coding
       * the library has no encoder for.
       */
      message: { encode(this: { data_coding: number | null }, value: string): Buffer | string };
    };

    const ESME_ROK: number;
    const ESME_RINVMSGLEN: number;
    const ESME_RINVCMDID: number;
    const ESME_RINVBNDSTS: number;
    const ESME_RALYBND: number;
    const ESME_RSYSERR: number;
    const ESME_RINVSRCADR: number;
    const ESME_RINVDSTADR: number;
    const ESME_RBINDFAIL: number;
    const ESME_RINVPASWD: number;
    const ESME_RINVSYSID: number;
    const ESME_RMSGQFUL: number;
    const ESME_RSUBMITFAIL: number;
    const ESME_RINVSRCTON: number;
    const ESME_RINVSRCNPI: number;
    const ESME_RINVDSTTON: number;
    const ESME_RINVDSTNPI: number;
    const ESME_RTHROTTLED: number;
  }

  export = smpp;
}
