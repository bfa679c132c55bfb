import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlotResolver, SlotSeriesResolver } from './capacity.resolver';
import { CapacityService } from './capacity.service';
import { FhirController, FhirFallbackController } from './fhir.controller';
import { FhirService } from './fhir.service';
import { FhirSlotController } from './fhir-slot.controller';
import { CapacityImport } from './import/capacity-import.entities';
import { CapacityImportController } from './import/capacity-import.controller';
import { CapacityImportService } from './import/capacity-import.service';
import { Slot, SlotSeries } from './slot.entities';

@Module({
  imports: [TypeOrmModule.forFeature([Slot, SlotSeries, CapacityImport]), ReferenceModule],
  providers: [CapacityService, CapacityImportService, FhirService, SlotResolver, SlotSeriesResolver],
  // The fallback answers any other /fhir path with an OperationOutcome, so it is registered last.
  controllers: [CapacityImportController, FhirSlotController, FhirController, FhirFallbackController],
  exports: [CapacityService],
})
export class CapacityModule {}
