import { describe, expect, it } from 'vitest';
import { reasonText } from './TakeoverControl';

describe('why the assistant is paused', () => {
  it('names each kind of pause, and quotes the assistant’s own reason for a handoff', () => {
    expect(reasonText('staff_reply')).toEqual({ key: 'staff_reply' });
    expect(reasonText('staff_echo')).toEqual({ key: 'staff_echo' });
    expect(reasonText('manual')).toEqual({ key: 'manual' });
    expect(reasonText('handoff:quiere hablar con la doctora')).toEqual({
      key: 'handoff',
      said: 'quiere hablar con la doctora',
    });
    expect(reasonText('handoff:')).toEqual({ key: 'handoffNoReason' });
    expect(reasonText('una queja por el precio')).toEqual({ key: 'handoff', said: 'una queja por el precio' });
  });
});
