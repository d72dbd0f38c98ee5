"""One process, or one of torchrun's: its rank, its device, and the few collective steps the training
scripts need. DistributedDataParallel runs on gloo on CPUs and on NCCL when CUDA is there.

Every process builds the same whole batch from the same data position and trains its own consecutive share
of the rows (B must be a multiple of the process count W); DDP averages the W gradients, so each script scales
its share's loss so that the average is the gradient of the whole batch's loss, as one process computes it.
"""

import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel


class Processes:
    def __init__(self):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.main = self.rank == 0  # alone prints, logs and writes files
        self.device = torch.device("cpu")
        if self.world > 1:
            if torch.cuda.is_available():
                self.device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
                torch.cuda.set_device(self.device)
            dist.init_process_group("nccl" if self.device.type == "cuda" else "gloo")

    def share(self, batch, what):
        """This process's rows of a batch of `batch` rows, as a slice."""
        if batch % self.world:
            raise ValueError("the batch of %d %s does not split evenly over %d processes" % (batch, what, self.world))
        n = batch // self.world
        return slice(self.rank * n, (self.rank + 1) * n)

    def wrap(self, model):
        model.to(self.device)
        return DistributedDataParallel(model) if self.world > 1 else model

    def mean(self, value):
        """The average of a float over the processes."""
        if self.world == 1:
            return value
        t = torch.tensor([value], dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return float(t) / self.world

    def gather_rows(self, t, dim):
        """Every process's share of a tensor's rows (along `dim`), joined in rank order."""
        if self.world == 1:
            return t
        pieces = [torch.empty_like(t) for _ in range(self.world)]
        dist.all_gather(pieces, t.contiguous())
        return torch.cat(pieces, dim=dim)

    def finish(self):
        if self.world > 1:
            dist.barrier()  # the processes leave together, after process 0 has written the files
            dist.destroy_process_group()
